/** `berth kill [service…]`: sends a signal to running containers. */
import type { VerbContext } from '../program.js';
import { intOption } from '../int-option.js';

export function registerKill({ program, globals }: VerbContext): void {
  program.command('kill').description('force stop service containers').argument('[service...]')
    .option('-s, --signal <signal>', 'signal to send to the container', 'SIGKILL')
    .option('--index <n>', 'index of the container if the service has multiple replicas')
    .action(async (services: string[], flags: { signal: string; index?: string }) => {
      const { kill } = await import('../../app/kill.js');
      const names = await kill(globals(), { services, signal: flags.signal, index: intOption(flags.index, '--index', 1) });
      for (const name of names) process.stderr.write(` Container ${name}  Killed\n`);
    });
}
