/** `berth stop [service…]`: stops running containers without removing them. */
import type { VerbContext } from '../program.js';
import { containerLine } from '../render/container-line.js';
import { intOption } from '../int-option.js';

export function registerStop({ program, globals }: VerbContext): void {
  program.command('stop').description('stop services').argument('[service...]')
    .option('-t, --timeout <seconds>', 'seconds to wait for the stop signal to work before SIGKILL')
    .option('--dry-run', 'show what would be done and change nothing')
    .action(async (services: string[], flags: { timeout?: string; dryRun?: boolean }) => {
      const { stop } = await import('../../app/stop.js');
      const dryRun = flags.dryRun === true || globals().dryRun;
      const names = await stop(globals(), { services, timeout: intOption(flags.timeout, '--timeout'), dryRun });
      for (const name of names) process.stderr.write(containerLine(name, 'Stopped', dryRun));
    });
}
