/** `berth restart [service…]`: stops and starts containers again. */
import type { VerbContext } from '../program.js';
import { intOption } from '../int-option.js';

export function registerRestart({ program, globals }: VerbContext): void {
  program.command('restart').description('restart service containers').argument('[service...]')
    .option('-t, --timeout <seconds>', 'seconds to wait for the stop signal to work before SIGKILL')
    .option('--no-deps', 'do not restart the services that depend on the named ones with restart: true')
    .action(async (services: string[], flags: { timeout?: string; deps: boolean }) => {
      const { restart } = await import('../../app/restart.js');
      const names = await restart(globals(), { services, timeout: intOption(flags.timeout, '--timeout'), noDeps: !flags.deps });
      for (const name of names) process.stderr.write(` Container ${name}  Started\n`);
    });
}
