/** `berth wait service…`: blocks until the containers stop and prints their exit codes; exits with the first. */
import type { VerbContext } from '../program.js';

export function registerWait({ program, globals }: VerbContext): void {
  program.command('wait').description('block until containers of the given services stop').argument('<service...>')
    .action(async (services: string[]) => {
      const { wait } = await import('../../app/wait.js');
      const ended = await wait(globals(), { services });
      for (const e of ended) process.stdout.write(`${e.exitCode}\n`);
      process.exitCode = ended[0]?.exitCode ?? 0;
    });
}
