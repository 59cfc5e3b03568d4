/**
 * `berth stats [service…]`: CPU %, memory use and limit, and pids of the selected running containers,
 * from their cgroups. CPU % is the CPU time used between two readings over the wall time between them
 * (100 % = one CPU busy), as `docker stats` shows it.
 */
import { containerStats } from '../runtime/container/index.js';
import { selectContainers, type ContainerChoice } from './compose/container-selection.js';
import type { ProjectOptions } from './project-loader.js';

/** One container's usage. */
export interface ContainerUsage {
  container: string;
  id: string;
  cpuPercent: number;
  memoryBytes: number;
  memoryLimitBytes: number | undefined;
  pids: number;
}

/** Two readings `intervalMs` apart of every selected running container. */
export async function stats(projectOptions: ProjectOptions, choice: ContainerChoice, intervalMs: number): Promise<ContainerUsage[]> {
  const { cc, containers } = selectContainers(projectOptions, choice);
  const running = containers.filter((c) => c.status === 'running');
  const read = (id: string) => {
    try {
      return containerStats(cc.runtime, id);
    } catch {
      return undefined;
    }
  };
  const before = new Map(running.map((c) => [c.id, read(c.id)]));
  const start = process.hrtime.bigint();
  await new Promise((resolve) => setTimeout(resolve, intervalMs));
  const elapsedNs = Number(process.hrtime.bigint() - start);
  return running.flatMap((c) => {
    const now = read(c.id);
    const then = before.get(c.id);
    if (now === undefined) return [];
    const cpuPercent = then === undefined ? 0 : (100 * (now.cpuUsageNanos - then.cpuUsageNanos)) / elapsedNs;
    return [{ container: c.name, id: c.id, cpuPercent: Math.max(0, cpuPercent), memoryBytes: now.memoryBytes, memoryLimitBytes: now.memoryLimitBytes, pids: now.pids }];
  });
}
