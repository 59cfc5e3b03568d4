/**
 * Pure: the cgroup v2 control-file writes for a set of limits, with the conversions runc makes from
 * Docker's v1-shaped settings: memory+swap becomes `memory.swap.max` = swap − memory, the reservation
 * becomes `memory.low`, `cpu_shares` (2..262144) becomes `cpu.weight` (1..10000), quota/period become
 * `cpu.max`. Absent limits produce no write.
 */
import type { LimitWrite } from './apply-limits.js';
import type { CgroupLimits } from './cgroup.js';
import { CPU_PERIOD_US } from './limit-writes-v1.js';

/** runc's linear map from v1 `cpu.shares` (2..262144) to v2 `cpu.weight` (1..10000). */
export function cpuSharesToWeight(shares: number): number {
  const clamped = Math.min(Math.max(shares, 2), 262_144);
  return 1 + Math.floor(((clamped - 2) * 9999) / 262_142);
}

/** `memory.swap.max` for Docker's memory+swap total: `max` when unlimited, else the swap part alone. */
export function swapMaxFor(memorySwap: number, memory: number | undefined): string {
  if (memorySwap === -1 || memory === undefined || memory === -1) return 'max';
  return String(memorySwap - memory);
}

/** The `cpu.max` value (`quota period`), or undefined when no CPU bandwidth limit is given. */
export function cpuMaxFor(limits: CgroupLimits): string | undefined {
  if (limits.cpus !== undefined) return `${Math.round(limits.cpus * CPU_PERIOD_US)} ${CPU_PERIOD_US}`;
  if (limits.cpuQuota === undefined && limits.cpuPeriod === undefined) return undefined;
  const quota = limits.cpuQuota === undefined || limits.cpuQuota === -1 ? 'max' : String(limits.cpuQuota);
  return `${quota} ${limits.cpuPeriod ?? CPU_PERIOD_US}`;
}

/** The v2 writes for `limits` (validated by validateLimits). */
export function v2LimitWrites(limits: CgroupLimits): LimitWrite[] {
  const writes: LimitWrite[] = [];
  const add = (limit: keyof CgroupLimits, controller: string, file: string, value: number | string): void => {
    writes.push({ limit, controller, file, value: String(value) });
  };
  const unlimited = (value: number): number | string => (value === -1 ? 'max' : value);
  if (limits.memory !== undefined) add('memory', 'memory', 'memory.max', unlimited(limits.memory));
  if (limits.memoryReservation !== undefined) add('memoryReservation', 'memory', 'memory.low', limits.memoryReservation);
  if (limits.memorySwap !== undefined) add('memorySwap', 'memory', 'memory.swap.max', swapMaxFor(limits.memorySwap, limits.memory));
  const cpuMax = cpuMaxFor(limits);
  if (cpuMax !== undefined) add(limits.cpus !== undefined ? 'cpus' : 'cpuQuota', 'cpu', 'cpu.max', cpuMax);
  if (limits.cpuShares !== undefined && limits.cpuShares > 0) add('cpuShares', 'cpu', 'cpu.weight', cpuSharesToWeight(limits.cpuShares));
  if (limits.cpuset !== undefined) add('cpuset', 'cpuset', 'cpuset.cpus', limits.cpuset);
  if (limits.pids !== undefined) add('pids', 'pids', 'pids.max', limits.pids > 0 ? limits.pids : 'max');
  return writes;
}
