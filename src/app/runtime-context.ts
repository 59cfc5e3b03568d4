/** The runtime context of the low-level `berth runtime` commands: state roots from the environment, this machine's cgroup driver. */
import { cgroupDriver } from '../runtime/cgroup/index.js';
import type { RuntimeContext } from '../runtime/container/index.js';
import { stateRoots } from '../runtime/state-roots.js';

/** The context for this process's environment. */
export function runtimeContext(env: NodeJS.ProcessEnv = process.env): RuntimeContext {
  return { roots: stateRoots(env), cgroups: cgroupDriver() };
}
