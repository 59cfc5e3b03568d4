/**
 * What every container operation needs: the state roots, the cgroup driver of this machine, and the
 * environment handed to the helper (tests set BERTH_FAULT there to fail at a named step).
 */
import type { CgroupDriver } from '../cgroup/index.js';
import type { StateRoots } from '../state-roots.js';

export interface RuntimeContext {
  roots: StateRoots;
  cgroups: CgroupDriver;
  helperEnv?: NodeJS.ProcessEnv | undefined;
}
