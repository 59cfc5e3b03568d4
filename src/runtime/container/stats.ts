/** stats: the container's resource usage, read from its cgroup. */
import type { CgroupStats } from '../cgroup/index.js';
import type { RuntimeContext } from './runtime-context.js';
import { requireContainer } from './stop.js';

/** Usage of container `id`, or undefined when its cgroup is gone. */
export function containerStats(ctx: RuntimeContext, id: string): CgroupStats | undefined {
  return ctx.cgroups.open(requireContainer(ctx, id).record.cgroupName)?.stats();
}
