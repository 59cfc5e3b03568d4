/**
 * Named locks of the image store: lock files under BERTH_RUN/locks/images, taken with the state layer's
 * queued lock (in-process holders queue, a dead owner's lock is taken over, no deadline), so a crashed
 * pull never blocks the next one. Locks guard one layer, or the reference index.
 */
import { join } from 'node:path';
import { statePath, type StateRoots } from '../state-roots.js';
import { withQueuedLock } from '../state/atomic-file.js';

/** Runs `fn` holding the store lock `name` (a file-name-safe string). */
export async function withStoreLock<T>(roots: StateRoots, name: string, fn: () => Promise<T>): Promise<T> {
  return withQueuedLock(join(statePath(roots, 'run', 'locks', 'images'), `${name}.lock`), fn);
}
