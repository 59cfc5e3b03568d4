/**
 * Deleting a container: refuses a running one unless forced (then SIGKILL to its PID 1, which ends its
 * whole pid namespace, and waits for the monitor), destroys its cgroup, and removes its data and state
 * dirs (at once from every reader's view; their files in the background, see state/discard.ts). The
 * overlay was mounted only in the container's own mount namespace, so it is gone with it.
 * Idempotent: deleting a half-made or already deleted container cleans what is left and succeeds.
 */
import { BerthError } from '../../errors/index.js';
import { isSameProcessAlive } from '../process/proc-identity.js';
import { discard, sweepTrash } from '../state/discard.js';
import { withDirLock } from '../state/dir-lock.js';
import { statePath } from '../state-roots.js';
import { observeContainer, type ObservedContainer } from '../state/observe.js';
import { containerPaths } from './container-paths.js';
import type { RuntimeContext } from './runtime-context.js';

async function stopForDelete(observed: ObservedContainer): Promise<void> {
  const { pid, pidStart, monitorPid, monitorStart } = observed.record;
  if (observed.running && pid !== undefined) process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + 5000;
  while (isSameProcessAlive(pid, pidStart) || isSameProcessAlive(monitorPid, monitorStart)) {
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Removes container `id`; returns whether it existed. */
export async function deleteContainer(ctx: RuntimeContext, id: string, options: { force?: boolean } = {}): Promise<boolean> {
  const paths = containerPaths(ctx.roots, id);
  return withDirLock(paths.stateDir, async () => {
    const observed = observeContainer(ctx.roots, id);
    if (observed?.status === 'running') {
      if (options.force !== true) {
        throw new BerthError('conflict', 'container.running', `container ${id} is running`, {
          hint: `stop it first (berth runtime kill ${id}) or remove it with --force`,
        });
      }
      await stopForDelete(observed);
    }
    ctx.cgroups.open(observed?.record.cgroupName ?? id)?.destroy();
    // Gone at once, removed in the background (state/discard.ts): an overlay work dir alone is four
    // levels deep, and the next steps (the network, other containers) need none of it.
    discard(paths.dataDir, trashOf(ctx, 'root'));
    discard(paths.stateDir, trashOf(ctx, 'run'));
    return observed !== undefined;
  });
}

/** Removes in the background what killed processes left of deleted containers (settleDiscards waits for it). */
export function sweepDeletedContainers(ctx: RuntimeContext): void {
  sweepTrash(trashOf(ctx, 'root'));
  sweepTrash(trashOf(ctx, 'run'));
}

function trashOf(ctx: RuntimeContext, which: 'root' | 'run'): string {
  return statePath(ctx.roots, which, 'trash');
}
