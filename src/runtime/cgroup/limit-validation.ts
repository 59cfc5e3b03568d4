/**
 * Checks a CgroupLimits value before any directory is made, so bad input fails fast with an `invalid`
 * BerthError naming the group and the limit. What only the kernel can judge (a CPU that does not exist, a
 * quota below its minimum) is left to the kernel and reported by apply-limits.ts.
 */
import { BerthError } from '../../errors/index.js';
import type { CgroupLimits } from './cgroup.js';

type Rules = { [K in keyof CgroupLimits]-?: (value: NonNullable<CgroupLimits[K]>, limits: CgroupLimits) => string | undefined };

const CPUSET = /^\d+(-\d+)?(,\d+(-\d+)?)*$/;
const BYTES = 'use a positive number of bytes or -1 for unlimited';

/** Per limit: why its value cannot be meant, or undefined when it is fine. */
const RULES: Rules = {
  memory: (v) => (isLimit(v) ? undefined : BYTES),
  memoryReservation: (v) => (isPositiveInteger(v) ? undefined : 'use a positive number of bytes'),
  memorySwap: (v, { memory }) => {
    if (!isLimit(v)) return BYTES;
    if (v === -1) return undefined;
    if (memory === undefined || memory === -1) return 'a swap limit needs a memory limit too';
    return v < memory ? `memory plus swap must be at least the memory limit (${memory})` : undefined;
  },
  cpus: (v) => (Number.isFinite(v) && v > 0 ? undefined : 'use a positive number of CPUs such as 0.5'),
  cpuPeriod: (v) => (isPositiveInteger(v) ? undefined : 'use a positive number of microseconds'),
  cpuQuota: (v) => (isLimit(v) ? undefined : 'use a positive number of microseconds or -1 for unlimited'),
  cpuShares: (v) => (Number.isSafeInteger(v) && v >= 0 ? undefined : 'use a weight from 2 to 262144 (0 for the default)'),
  cpuset: (v) => (CPUSET.test(v) ? undefined : 'use a CPU list such as 0-1,3'),
  pids: (v) => (Number.isSafeInteger(v) ? undefined : 'use a whole number of tasks (0 or -1 for unlimited)'),
};

/** Throws an `invalid` BerthError for the first limit that cannot be meant; returns the limits otherwise. */
export function validateLimits(group: string, limits: CgroupLimits): CgroupLimits {
  for (const limit of Object.keys(RULES) as Array<keyof CgroupLimits>) {
    const value = limits[limit];
    if (value === undefined) continue;
    const why = (RULES[limit] as (v: typeof value, l: CgroupLimits) => string | undefined)(value, limits);
    if (why === undefined) continue;
    throw new BerthError('invalid', 'cgroup.invalid-limit', `cgroup ${group}: ${limit} ${String(value)} is invalid: ${why}`, {
      hint: `fix ${limit} in the service's resource settings`,
    });
  }
  return limits;
}

function isPositiveInteger(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0;
}

function isLimit(value: number): boolean {
  return value === -1 || isPositiveInteger(value);
}
