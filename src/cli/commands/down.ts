/** `berth down`: stop and remove the project's containers and networks (volumes with -v, images with --rmi). */
import { BerthError } from '../../errors/index.js';
import type { VerbContext } from '../program.js';
import { printWarnings } from '../output.js';
import { progressMode } from '../global-options.js';
import { intOption } from '../int-option.js';
import { orphanChoices } from '../orphan-flags.js';
import { progressSink, type ProgressMode } from '../render/progress.js';

interface DownFlags {
  volumes?: boolean;
  removeOrphans?: boolean;
  rmi?: string;
  timeout?: string;
  dryRun?: boolean;
  progress?: string;
}

export function registerDown({ program, globals }: VerbContext): void {
  program.command('down')
    .description('stop and remove the project\'s containers and networks')
    .argument('[service...]', 'only these services and those that depend on them (networks and volumes still in use stay)')
    .option('-v, --volumes', 'remove named volumes and anonymous volumes too (never external ones)')
    .option('--remove-orphans', 'remove containers of services no longer in the compose file')
    .option('--rmi <type>', 'remove images: local (built ones) or all')
    .option('-t, --timeout <seconds>', 'seconds to wait for a container to stop before killing it')
    .option('--dry-run', 'print the plan and change nothing')
    .option('--progress <mode>', 'auto, tty, plain, quiet or json (default: the global --progress, COMPOSE_PROGRESS, auto)')
    .action(async (services: string[], flags: DownFlags) => {
      if (flags.rmi !== undefined && flags.rmi !== 'local' && flags.rmi !== 'all') {
        throw new BerthError('invalid', 'down.bad-rmi', `--rmi ${flags.rmi} is not local or all`, { hint: 'use --rmi local or --rmi all' });
      }
      const timeout = intOption(flags.timeout, '--timeout');
      const { down } = await import('../../app/down.js');
      const options = globals();
      if (options.dryRun) flags.dryRun = true;
      const sink = progressSink(progressMode(flags.progress, options) as ProgressMode, process.stderr, 'berth down');
      try {
        const result = await down(options, {
          volumes: flags.volumes === true, ...orphanChoices(flags.removeOrphans), dryRun: flags.dryRun === true, services,
          ...(flags.rmi === undefined ? {} : { rmi: flags.rmi as 'local' | 'all' }),
          ...(timeout === undefined ? {} : { timeout }),
          onEvent: (e) => sink.event(e),
        });
        await sink.end();
        printWarnings(result.warnings, options.ansi);
        if (flags.dryRun === true) process.stdout.write(result.planText);
      } finally {
        await sink.end();
      }
    });
}
