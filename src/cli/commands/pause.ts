/** `berth pause` and `berth unpause`: freeze and thaw service containers. */
import type { VerbContext } from '../program.js';

export function registerPause({ program, globals }: VerbContext): void {
  for (const [verb, paused, word] of [['pause', true, 'Paused'], ['unpause', false, 'Unpaused']] as const) {
    program.command(verb).description(`${verb} services`).argument('[service...]')
      .action(async (services: string[]) => {
        const { setPaused } = await import('../../app/pause.js');
        for (const name of setPaused(globals(), { services }, paused)) process.stderr.write(` Container ${name}  ${word}\n`);
      });
  }
}
