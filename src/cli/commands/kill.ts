/** `berth kill [service…]`: sends a signal to running containers. */
import type { VerbContext } from '../program.js';
import { containerLine } from '../render/container-line.js';
import { intOption } from '../int-option.js';

export function registerKill({ program, globals }: VerbContext): void {
  program.command('kill').description('force stop service containers').argument('[service...]')
    .option('-s, --signal <signal>', 'signal to send to the container', 'SIGKILL')
    .option('--index <n>', 'index of the container if the service has multiple replicas')
    .option('--dry-run', 'show what would be done and change nothing')
    .action(async (services: string[], flags: { signal: string; index?: string; dryRun?: boolean }) => {
      const { kill } = await import('../../app/kill.js');
      const dryRun = flags.dryRun === true || globals().dryRun;
      const names = await kill(globals(), { services, signal: flags.signal, index: intOption(flags.index, '--index', 1), dryRun });
      // Compose's words, which scripts test for (`kill --dry-run` to ask whether anything runs).
      if (names.length === 0) process.stderr.write('no container to kill\n');
      for (const name of names) process.stderr.write(containerLine(name, 'Killed', dryRun));
    });
}
