/**
 * `berth wait service…`: blocks until the containers stop and prints their exit codes; exits with the
 * first. With --down-project it then takes the whole project down, as `docker compose wait` does.
 */
import type { VerbContext } from '../program.js';
import { progressMode } from '../global-options.js';
import { printWarnings } from '../output.js';
import { progressSink, type ProgressMode } from '../render/progress.js';

export function registerWait({ program, globals }: VerbContext): void {
  program.command('wait').description('block until containers of the given services stop').argument('<service...>')
    .option('--down-project', 'take the project down once the containers stopped')
    .action(async (services: string[], flags: { downProject?: boolean }) => {
      const { wait } = await import('../../app/wait.js');
      const options = globals();
      const ended = await wait(options, { services });
      for (const e of ended) process.stdout.write(`${e.exitCode}\n`);
      process.exitCode = ended[0]?.exitCode ?? 0;
      if (flags.downProject !== true) return;
      const { down } = await import('../../app/down.js');
      const sink = progressSink(progressMode(undefined, options) as ProgressMode, process.stderr, 'berth down');
      try {
        const result = await down(options, { volumes: false, removeOrphans: true, onEvent: (e) => sink.event(e) });
        await sink.end();
        printWarnings(result.warnings, options.ansi);
      } finally {
        await sink.end();
      }
    });
}
