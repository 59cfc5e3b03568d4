/**
 * A service's resource limits in the cgroup contract's terms. deploy.resources wins over the legacy keys
 * (mem_limit, mem_reservation, cpus, pids_limit), as in Docker Compose; when only a memory limit is set,
 * memory+swap defaults to twice the memory, Docker's rule (the drivers write exactly what they get).
 */
import type { CgroupLimits } from '../runtime/cgroup/index.js';
import type { Service } from '../spec/model.js';

/** The CgroupLimits of a service's containers. */
export function containerLimits(service: Service): CgroupLimits {
  const limits = service.deploy?.resources?.limits;
  const reservations = service.deploy?.resources?.reservations;
  const memory = limits?.memory ?? service.mem_limit;
  const swap = service.memswap_limit ?? (memory !== undefined && memory > 0 ? memory * 2 : undefined);
  const out: CgroupLimits = {
    memory,
    memorySwap: swap,
    memoryReservation: reservations?.memory ?? service.mem_reservation,
    cpus: limits?.cpus ?? service.cpus,
    cpuShares: service.cpu_shares,
    cpuQuota: numberOf(service['cpu_quota']),
    cpuPeriod: numberOf(service['cpu_period']),
    cpuset: typeof service['cpuset'] === 'string' ? service['cpuset'] : undefined,
    pids: limits?.pids ?? service.pids_limit,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as CgroupLimits;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}
