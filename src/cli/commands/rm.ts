/** `berth rm [service…]`: removes stopped service containers. */
import type { VerbContext } from '../program.js';
import { containerLine } from '../render/container-line.js';

export function registerRm({ program, globals }: VerbContext): void {
  program.command('rm').description('removes stopped service containers').argument('[service...]')
    .option('-f, --force', "don't ask to confirm removal; remove running containers too", false)
    .option('-s, --stop', 'stop the containers, if required, before removing', false)
    .option('-v, --volumes', 'remove any anonymous volumes attached to containers', false)
    .option('--dry-run', 'show what would be done and change nothing')
    .action(async (services: string[], flags: { force: boolean; stop: boolean; volumes: boolean; dryRun?: boolean }) => {
      const { rm } = await import('../../app/rm.js');
      const dryRun = flags.dryRun === true || globals().dryRun;
      const names = await rm(globals(), { services, force: flags.force, stop: flags.stop, volumes: flags.volumes, dryRun });
      if (names.length === 0) process.stderr.write('No stopped containers\n');
      for (const name of names) process.stderr.write(containerLine(name, 'Removed', dryRun));
    });
}
