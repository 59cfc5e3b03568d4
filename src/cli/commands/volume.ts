/** `berth volume …`: create, ls, inspect, rm and prune of the volume store, as `docker volume` has them. */
import { createInterface } from 'node:readline/promises';
import type { VerbContext } from '../program.js';
import { printWarnings } from '../output.js';
import { textTable } from '../render/text-table.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

interface CreateFlags { driver?: string; label: string[]; opt: string[] }

export function registerVolume({ program, globals }: VerbContext): void {
  const volume = program.command('volume').description('manage volumes');
  volume.command('create')
    .description('create a volume (for a project to use as `external: true`); an existing one is kept as it is')
    .argument('[name]', 'the volume name (default: a random one)')
    .option('-d, --driver <driver>', 'volume driver (only local)')
    .option('-l, --label <key=value>', 'set a label (repeatable)', collect, [])
    .option('-o, --opt <key=value>', 'set a driver option: type, o, device (repeatable)', collect, [])
    .action(async (name: string | undefined, flags: CreateFlags) => {
      const { createVolume } = await import('../../app/volume.js');
      const created = await createVolume(name, { driver: flags.driver, labels: flags.label, opts: flags.opt });
      printWarnings(created.warnings, globals().ansi);
      process.stdout.write(`${created.name}\n`);
    });
  volume.command('ls').alias('list')
    .description('list volumes')
    .option('-q, --quiet', 'only show volume names')
    .option('--format <format>', 'table or json', 'table')
    .action(async (flags: { quiet?: boolean; format: string }) => {
      const { listAllVolumes } = await import('../../app/volume.js');
      const views = listAllVolumes();
      if (flags.format === 'json') process.stdout.write(views.map((v) => `${JSON.stringify(v)}\n`).join(''));
      else if (flags.quiet === true) process.stdout.write(views.map((v) => `${v.Name}\n`).join(''));
      else process.stdout.write(textTable(['DRIVER', 'VOLUME NAME'], views.map((v) => [v.Driver, v.Name])));
    });
  volume.command('inspect')
    .description('show volumes as JSON')
    .argument('<name...>', 'volume names')
    .action(async (names: string[]) => {
      const { inspectVolumes } = await import('../../app/volume.js');
      process.stdout.write(`${JSON.stringify(inspectVolumes(names), null, 4)}\n`);
    });
  volume.command('rm').alias('remove')
    .description('remove volumes no container uses')
    .argument('<name...>', 'volume names')
    .option('-f, --force', 'do not fail on a volume that does not exist')
    .action(async (names: string[], flags: { force?: boolean }) => {
      const { removeVolumeNamed } = await import('../../app/volume.js');
      // As Docker does: every name is tried, each removal printed, and the first failure ends the run.
      const failures: unknown[] = [];
      for (const name of names) {
        try {
          if (await removeVolumeNamed(name, flags.force === true)) process.stdout.write(`${name}\n`);
        } catch (error) {
          failures.push(error);
        }
      }
      if (failures.length > 0) throw failures[0];
    });
  volume.command('prune')
    .description('remove the volumes no container uses: anonymous ones, or all with -a')
    .option('-a, --all', 'remove named volumes too, not only anonymous ones')
    .option('-f, --force', 'do not ask for confirmation')
    .action(async (flags: { all?: boolean; force?: boolean }) => {
      const what = flags.all === true ? 'all local volumes' : 'all anonymous local volumes';
      if (flags.force !== true && !(await confirm(`WARNING! This will remove ${what} not used by at least one container.\nAre you sure you want to continue? [y/N] `))) return;
      const { pruneVolumes } = await import('../../app/volume.js');
      const removed = await pruneVolumes(flags.all === true);
      if (removed.length > 0) process.stdout.write(`Deleted Volumes:\n${removed.map((n) => `${n}\n`).join('')}\n`);
      process.stdout.write(`${removed.length} volumes removed\n`);
    });
}

/** Asks on stderr and reads one answer from stdin, as Docker's prune does; end of input counts as no. */
async function confirm(question: string): Promise<boolean> {
  const reader = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await Promise.race([reader.question(question), new Promise<string>((resolve) => { reader.once('close', () => resolve('')); })]);
  reader.close();
  return /^y(es)?$/i.test(answer.trim());
}
