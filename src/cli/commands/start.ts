/** `berth start [service…]`: starts existing containers. */
import type { VerbContext } from '../program.js';
import { containerLine } from '../render/container-line.js';

export function registerStart({ program, globals }: VerbContext): void {
  program.command('start').description('start services').argument('[service...]')
    .option('--dry-run', 'show what would be done and change nothing')
    .action(async (services: string[], flags: { dryRun?: boolean }) => {
      const { start } = await import('../../app/start.js');
      const dryRun = flags.dryRun === true || globals().dryRun;
      for (const name of await start(globals(), { services, dryRun })) process.stderr.write(containerLine(name, 'Started', dryRun));
    });
}
