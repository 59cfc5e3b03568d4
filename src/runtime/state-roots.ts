/**
 * berth's two state roots: BERTH_ROOT (persistent: images, volumes, container upper dirs) and BERTH_RUN
 * (volatile: container state, netns bind mounts, supervisor sockets, locks). Tests point both at temp
 * dirs; every runtime function takes the roots as an argument instead of reading the environment itself.
 */
import { join } from 'node:path';

export interface StateRoots {
  /** Persistent state, default /var/lib/berth. */
  root: string;
  /** Volatile state, default /run/berth. */
  run: string;
}

/** The roots from BERTH_ROOT / BERTH_RUN, else the defaults. */
export function stateRoots(env: NodeJS.ProcessEnv = process.env): StateRoots {
  return { root: env['BERTH_ROOT'] ?? '/var/lib/berth', run: env['BERTH_RUN'] ?? '/run/berth' };
}

/** Where one kind of state lives, e.g. `statePath(roots, 'root', 'images')`. */
export function statePath(roots: StateRoots, which: keyof StateRoots, ...parts: string[]): string {
  return join(roots[which], ...parts);
}
