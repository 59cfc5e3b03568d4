/**
 * What every container operation needs: the state roots, the cgroup driver of this machine, and the
 * environment handed to the helper (tests set BERTH_FAULT there to fail at a named step).
 */
import type { CgroupDriver } from '../cgroup/index.js';
import { statePath, type StateRoots } from '../state-roots.js';

export interface RuntimeContext {
  roots: StateRoots;
  cgroups: CgroupDriver;
  helperEnv?: NodeJS.ProcessEnv | undefined;
}

/** The lock file serialising changes to container `id`. */
export function containerLock(ctx: RuntimeContext, id: string): string {
  return statePath(ctx.roots, 'run', 'locks', `${id}.lock`);
}
