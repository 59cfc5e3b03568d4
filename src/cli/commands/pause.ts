/** `berth pause` and `berth unpause`: freeze and thaw service containers. */
import type { VerbContext } from '../program.js';
import { containerLine } from '../render/container-line.js';

export function registerPause({ program, globals }: VerbContext): void {
  for (const [verb, paused, word] of [['pause', true, 'Paused'], ['unpause', false, 'Unpaused']] as const) {
    program.command(verb).description(`${verb} services`).argument('[service...]')
      .option('--dry-run', 'show what would be done and change nothing')
      .action(async (services: string[], flags: { dryRun?: boolean }) => {
        const { setPaused } = await import('../../app/pause.js');
        const dryRun = flags.dryRun === true || globals().dryRun;
        for (const name of setPaused(globals(), { services, dryRun }, paused)) process.stderr.write(containerLine(name, word, dryRun));
      });
  }
}
