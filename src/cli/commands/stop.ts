/** `berth stop [service…]`: stops running containers without removing them. */
import type { VerbContext } from '../program.js';
import { intOption } from '../int-option.js';

export function registerStop({ program, globals }: VerbContext): void {
  program.command('stop').description('stop services').argument('[service...]')
    .option('-t, --timeout <seconds>', 'seconds to wait for the stop signal to work before SIGKILL')
    .action(async (services: string[], flags: { timeout?: string }) => {
      const { stop } = await import('../../app/stop.js');
      const names = await stop(globals(), { services, timeout: intOption(flags.timeout, '--timeout') });
      for (const name of names) process.stderr.write(` Container ${name}  Stopped\n`);
    });
}
