/**
 * `berth top [service…]`: the processes of each selected running container, read from its cgroup's
 * member list and /proc (so an exec'd process shows as well as the container's own).
 */
import { observeContainer } from '../runtime/container/index.js';
import { procRow, type ProcRow } from '../runtime/process/proc-table.js';
import { selectContainers, type ContainerChoice } from './compose/container-selection.js';
import type { ProjectOptions } from './project-loader.js';

/** One container's processes. */
export interface ContainerTop {
  container: string;
  processes: ProcRow[];
}

/** The processes of the selected running containers, by pid. */
export function top(projectOptions: ProjectOptions, choice: ContainerChoice): ContainerTop[] {
  const { cc, containers } = selectContainers(projectOptions, choice);
  return containers.filter((c) => c.status === 'running').map((c) => {
    const record = observeContainer(cc.roots, c.id)?.record;
    const pids = record === undefined ? [] : cc.runtime.cgroups.open(record.cgroupName)?.pids() ?? [];
    const processes = pids.sort((a, b) => a - b).map(procRow).filter((r): r is ProcRow => r !== undefined);
    return { container: c.name, processes };
  });
}
