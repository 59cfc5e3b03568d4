/** `berth restart [service…]`: stops and starts containers again. */
import type { VerbContext } from '../program.js';
import { containerLine } from '../render/container-line.js';
import { intOption } from '../int-option.js';

export function registerRestart({ program, globals }: VerbContext): void {
  program.command('restart').description('restart service containers').argument('[service...]')
    .option('-t, --timeout <seconds>', 'seconds to wait for the stop signal to work before SIGKILL')
    .option('--no-deps', 'do not restart the services that depend on these with restart: true')
    .option('--dry-run', 'show what would be done and change nothing')
    .action(async (services: string[], flags: { timeout?: string; dryRun?: boolean; deps: boolean }) => {
      const { restart } = await import('../../app/restart.js');
      const dryRun = flags.dryRun === true || globals().dryRun;
      const names = await restart(globals(), { services, timeout: intOption(flags.timeout, '--timeout'), dryRun, noDeps: !flags.deps });
      for (const name of names) process.stderr.write(containerLine(name, 'Started', dryRun));
    });
}
