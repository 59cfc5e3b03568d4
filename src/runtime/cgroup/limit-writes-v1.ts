/**
 * Pure: the cgroup v1 control-file writes for a set of limits, in the order the kernel needs them (the
 * memory limit before memory+swap, which must never be below it; the CFS period before the quota).
 * Absent limits produce no write, so `update` changes only what it is given.
 */
import type { LimitWrite } from './apply-limits.js';
import type { CgroupLimits } from './cgroup.js';

/** The CFS period berth uses for `cpus`, as Docker does. */
export const CPU_PERIOD_US = 100_000;

/** The v1 writes for `limits` (validated by validateLimits). */
export function v1LimitWrites(limits: CgroupLimits): LimitWrite[] {
  const writes: LimitWrite[] = [];
  const add = (limit: keyof CgroupLimits, controller: string, file: string, value: number | string): void => {
    writes.push({ limit, controller, file, value: String(value) });
  };
  if (limits.memory !== undefined) add('memory', 'memory', 'memory.limit_in_bytes', limits.memory);
  if (limits.memoryReservation !== undefined) add('memoryReservation', 'memory', 'memory.soft_limit_in_bytes', limits.memoryReservation);
  if (limits.memorySwap !== undefined) add('memorySwap', 'memory', 'memory.memsw.limit_in_bytes', limits.memorySwap);
  if (limits.cpus !== undefined) {
    add('cpus', 'cpu', 'cpu.cfs_period_us', CPU_PERIOD_US);
    add('cpus', 'cpu', 'cpu.cfs_quota_us', Math.round(limits.cpus * CPU_PERIOD_US));
  } else {
    if (limits.cpuPeriod !== undefined) add('cpuPeriod', 'cpu', 'cpu.cfs_period_us', limits.cpuPeriod);
    if (limits.cpuQuota !== undefined) add('cpuQuota', 'cpu', 'cpu.cfs_quota_us', limits.cpuQuota);
  }
  if (limits.cpuShares !== undefined && limits.cpuShares > 0) add('cpuShares', 'cpu', 'cpu.shares', limits.cpuShares);
  if (limits.cpuset !== undefined) add('cpuset', 'cpuset', 'cpuset.cpus', limits.cpuset);
  if (limits.pids !== undefined) add('pids', 'pids', 'pids.max', limits.pids > 0 ? limits.pids : 'max');
  return writes;
}

/**
 * Puts the memory+swap write before the memory write when the new memory limit would exceed the current
 * memory+swap limit (raising both on `update`); otherwise keeps the order.
 */
export function orderMemoryWrites(writes: LimitWrite[], currentMemSwap: number | undefined): LimitWrite[] {
  const memory = writes.find((w) => w.file === 'memory.limit_in_bytes');
  const swap = writes.find((w) => w.file === 'memory.memsw.limit_in_bytes');
  if (memory === undefined || swap === undefined || currentMemSwap === undefined) return writes;
  const newMemory = Number(memory.value);
  if (newMemory !== -1 && newMemory <= currentMemSwap) return writes;
  return [swap, ...writes.filter((w) => w !== swap)];
}
