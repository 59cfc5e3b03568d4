/** `berth create [service…]`: creates the project's containers (and networks, volumes) without starting them. */
import type { VerbContext } from '../program.js';
import { printWarnings } from '../output.js';
import { progressMode } from '../global-options.js';
import { progressSink, type ProgressMode } from '../render/progress.js';
import { parseScale } from './up.js';

interface CreateFlags {
  build?: boolean;
  forceRecreate?: boolean;
  recreate: boolean;
  pull?: string;
  removeOrphans?: boolean;
  scale: string[];
  dryRun?: boolean;
  progress?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerCreate({ program, globals }: VerbContext): void {
  program.command('create')
    .description('create the project\'s containers without starting them')
    .argument('[service...]', 'only these services (and what they depend on)')
    .option('--build', 'build images before creating containers')
    .option('--no-build', 'never build images')
    .option('--force-recreate', 'recreate containers even if their configuration is unchanged')
    .option('--no-recreate', 'never recreate existing containers')
    .option('--pull <policy>', 'pull images: always, missing, never or build')
    .option('--quiet-pull', 'pull without printing progress')
    .option('--remove-orphans', 'remove containers of services no longer in the compose file')
    .option('--scale <service=n>', 'create n containers of a service (repeatable)', collect, [])
    .option('-y, --yes', 'assume yes to prompts (berth asks none)')
    .option('--dry-run', 'print the plan and change nothing')
    .option('--progress <mode>', 'auto, tty, plain, quiet or json (default: the global --progress, COMPOSE_PROGRESS, auto)')
    .action(async (services: string[], flags: CreateFlags) => {
      const { up } = await import('../../app/up.js');
      const options = globals();
      if (options.dryRun) flags.dryRun = true;
      const sink = progressSink(progressMode(flags.progress, options) as ProgressMode, process.stderr, 'berth create');
      try {
        const result = await up(options, {
          services, detach: true, noStart: true, dryRun: flags.dryRun === true,
          forceRecreate: flags.forceRecreate === true, noRecreate: !flags.recreate, removeOrphans: flags.removeOrphans === true,
          scale: parseScale(flags.scale), pull: flags.pull, build: flags.build, onEvent: (e) => sink.event(e),
        });
        await sink.end();
        printWarnings(result.warnings, options.ansi);
        if (flags.dryRun === true) process.stdout.write(result.planText);
      } finally {
        await sink.end();
      }
    });
}
