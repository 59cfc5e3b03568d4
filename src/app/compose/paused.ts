/**
 * Whether a container is paused (`berth pause`): its cgroup is frozen. The runtime still reports such a
 * container running, so the verbs that care (ps, exec) ask here.
 */
import { observeContainer } from '../../runtime/container/index.js';
import type { ComposeContext } from './compose-context.js';

/** Whether container `id`'s cgroup is frozen. */
export function isPaused(cc: ComposeContext, id: string): boolean {
  const cgroupName = observeContainer(cc.roots, id)?.record.cgroupName;
  return cgroupName !== undefined && cc.runtime.cgroups.open(cgroupName)?.frozen() === true;
}
