/** `berth start [service…]`: starts existing containers. */
import type { VerbContext } from '../program.js';

export function registerStart({ program, globals }: VerbContext): void {
  program.command('start').description('start services').argument('[service...]')
    .action(async (services: string[]) => {
      const { start } = await import('../../app/start.js');
      for (const name of await start(globals(), { services })) process.stderr.write(` Container ${name}  Started\n`);
    });
}
