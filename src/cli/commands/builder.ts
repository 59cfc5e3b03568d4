/** `berth builder prune`: cleans the build cache (the image store's layers are `berth image prune`'s). */
import type { VerbContext } from '../program.js';

const PRUNE_HELP = `
By default removes step records whose layer is gone from the image store, RUN cache mounts
(--mount=type=cache) not used for 7 days, and temp dirs of crashed builds older than a day.
With --all, removes every step record and cache mount: the next build runs every step again.
Cache mounts are kept while a build is running. Layers are left to \`berth image prune\`.`;

export function registerBuilder({ program }: VerbContext): void {
  const builder = program.command('builder').description('manage the image builder');
  builder.command('prune')
    .description('remove build cache: stale step records, unused cache mounts, leftovers of crashed builds')
    .option('-a, --all', 'remove every step record and cache mount, not only stale and unused ones')
    .addHelpText('after', PRUNE_HELP)
    .action(async (flags: { all?: boolean }) => {
      const { pruneBuilder } = await import('../../app/build-prune.js');
      const { humanSize } = await import('../render/image-table.js');
      const report = await pruneBuilder({ all: flags.all === true });
      process.stdout.write(`${report.steps} step records, ${report.mounts} cache mounts and ${report.temps} temp dirs removed (${humanSize(report.bytes)} reclaimed)\n`);
      if (report.keptForRunningBuilds > 0) process.stdout.write(`${report.keptForRunningBuilds} cache mounts kept: a build is running\n`);
    });
}
