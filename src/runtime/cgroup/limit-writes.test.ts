/** The pure limit → control-file mapping of both drivers, with Docker's and runc's conversions, and validation. */
import { describe, expect, it } from 'vitest';
import type { LimitWrite } from './apply-limits.js';
import { validateLimits } from './limit-validation.js';
import { orderMemoryWrites, v1LimitWrites } from './limit-writes-v1.js';
import { cpuMaxFor, cpuSharesToWeight, swapMaxFor, v2LimitWrites } from './limit-writes-v2.js';

const MiB = 1024 * 1024;
const files = (writes: LimitWrite[]): string[] => writes.map((w) => `${w.controller}/${w.file}=${w.value}`);
const all = { memory: 64 * MiB, memoryReservation: 32 * MiB, memorySwap: 96 * MiB, cpus: 1.5, cpuShares: 1024, cpuset: '0-1', pids: 100 };

describe('v1 limit writes', () => {
  it('maps every limit to its v1 file, memory before memory+swap and period before quota', () => {
    expect(files(v1LimitWrites(all))).toEqual([
      'memory/memory.limit_in_bytes=67108864',
      'memory/memory.soft_limit_in_bytes=33554432',
      'memory/memory.memsw.limit_in_bytes=100663296',
      'cpu/cpu.cfs_period_us=100000',
      'cpu/cpu.cfs_quota_us=150000',
      'cpu/cpu.shares=1024',
      'cpuset/cpuset.cpus=0-1',
      'pids/pids.max=100',
    ]);
  });

  it('uses cpu_period/cpu_quota when cpus is absent, and unlimited values', () => {
    expect(files(v1LimitWrites({ cpuPeriod: 50_000, cpuQuota: 25_000, memory: -1, memorySwap: -1, pids: 0 }))).toEqual([
      'memory/memory.limit_in_bytes=-1',
      'memory/memory.memsw.limit_in_bytes=-1',
      'cpu/cpu.cfs_period_us=50000',
      'cpu/cpu.cfs_quota_us=25000',
      'pids/pids.max=max',
    ]);
  });

  it('writes nothing for no limits, and cpus wins over cpu_quota', () => {
    expect(v1LimitWrites({})).toEqual([]);
    expect(files(v1LimitWrites({ cpus: 0.5, cpuQuota: 10_000 }))).toEqual(['cpu/cpu.cfs_period_us=100000', 'cpu/cpu.cfs_quota_us=50000']);
  });

  it('puts memory+swap first only when the new memory limit exceeds the current one', () => {
    const writes = v1LimitWrites({ memory: 128 * MiB, memorySwap: 256 * MiB });
    expect(orderMemoryWrites(writes, 64 * MiB).map((w) => w.file)).toEqual(['memory.memsw.limit_in_bytes', 'memory.limit_in_bytes']);
    expect(orderMemoryWrites(writes, 512 * MiB).map((w) => w.file)).toEqual(['memory.limit_in_bytes', 'memory.memsw.limit_in_bytes']);
    expect(orderMemoryWrites(writes, undefined)).toBe(writes);
  });
});

describe('v2 limit writes', () => {
  it('converts Docker settings the way runc does', () => {
    expect(files(v2LimitWrites(all))).toEqual([
      'memory/memory.max=67108864',
      'memory/memory.low=33554432',
      'memory/memory.swap.max=33554432',
      'cpu/cpu.max=150000 100000',
      'cpu/cpu.weight=39',
      'cpuset/cpuset.cpus=0-1',
      'pids/pids.max=100',
    ]);
  });

  it('maps cpu shares 2..262144 onto weights 1..10000', () => {
    expect([2, 1024, 262_144, 1, 1_000_000].map(cpuSharesToWeight)).toEqual([1, 39, 10000, 1, 10000]);
  });

  it('turns memory+swap into the swap part alone, max when unlimited', () => {
    expect(swapMaxFor(-1, 64 * MiB)).toBe('max');
    expect(swapMaxFor(64 * MiB, 64 * MiB)).toBe('0');
    expect(swapMaxFor(100, 60)).toBe('40');
    expect(files(v2LimitWrites({ memory: -1, memorySwap: -1 }))).toEqual(['memory/memory.max=max', 'memory/memory.swap.max=max']);
  });

  it('builds cpu.max from cpus, or from quota and period', () => {
    expect(cpuMaxFor({ cpus: 0.25 })).toBe('25000 100000');
    expect(cpuMaxFor({ cpuQuota: 20_000 })).toBe('20000 100000');
    expect(cpuMaxFor({ cpuPeriod: 50_000 })).toBe('max 50000');
    expect(cpuMaxFor({ cpuQuota: -1, cpuPeriod: 10_000 })).toBe('max 10000');
    expect(cpuMaxFor({})).toBeUndefined();
  });
});

describe('limit validation', () => {
  const bad = (limits: Parameters<typeof validateLimits>[1]): string => {
    try {
      validateLimits('berth/x', limits);
      return 'accepted';
    } catch (error) {
      return `${(error as { code: string }).code}: ${(error as Error).message}`;
    }
  };

  it('accepts sensible limits and unlimited markers', () => {
    expect(bad(all)).toBe('accepted');
    expect(bad({ memory: -1, memorySwap: -1, cpuQuota: -1, pids: -1, cpuShares: 0 })).toBe('accepted');
  });

  it('rejects nonsense with the group and the limit named', () => {
    expect(bad({ memory: 0 })).toBe('cgroup.invalid-limit: cgroup berth/x: memory 0 is invalid: use a positive number of bytes or -1 for unlimited');
    expect(bad({ memory: 1.5 })).toMatch(/^cgroup.invalid-limit: cgroup berth\/x: memory 1.5/);
    expect(bad({ memorySwap: 10 })).toMatch(/memorySwap 10 is invalid: a swap limit needs a memory limit too/);
    expect(bad({ memory: 100, memorySwap: 50 })).toMatch(/memory plus swap must be at least the memory limit \(100\)/);
    expect(bad({ cpus: 0 })).toMatch(/cpus 0 is invalid/);
    expect(bad({ cpus: Number.NaN })).toMatch(/cpus NaN is invalid/);
    expect(bad({ cpuPeriod: -5 })).toMatch(/cpuPeriod -5 is invalid/);
    expect(bad({ cpuShares: -2 })).toMatch(/cpuShares -2 is invalid/);
    expect(bad({ cpuset: '0-1;3' })).toMatch(/cpuset 0-1;3 is invalid/);
    expect(bad({ pids: 2.5 })).toMatch(/pids 2.5 is invalid/);
  });
});
