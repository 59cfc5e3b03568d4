/**
 * The project lock: `up` (from observing to the end of its plan) and `down` hold it, so two of them on
 * one project run one after the other instead of planning against the same state and racing on its
 * containers and interfaces. A lock file under BERTH_RUN/locks/ holding the owner's pid; a dead owner's
 * lock is taken over (atomic-file.ts), so a killed `up` never blocks the project.
 */
import { withQueuedLock } from '../../runtime/state/atomic-file.js';
import { statePath, type StateRoots } from '../../runtime/state-roots.js';

/** Runs `fn` holding project `name`'s lock, waiting up to two minutes for another holder to finish. */
export function withProjectLock<T>(roots: StateRoots, name: string, fn: () => Promise<T>): Promise<T> {
  return withQueuedLock(statePath(roots, 'run', 'locks', `project-${name}.lock`), fn, { waitMs: WAIT_MS });
}

// Long enough for another up's pulls and builds; a lock whose pid was reused by an unrelated process
// then ends in a clear `state.locked` error instead of a wait forever.
const WAIT_MS = 120_000;
