/**
 * Reads a v1 group's usage from its per-controller directories. A controller that is not mounted reads as
 * zero (pids falls back to counting `cgroup.procs`). Memory use is `memory.usage_in_bytes` as the kernel
 * reports it (page cache included, as `docker stats` before it subtracts inactive file pages).
 */
import { join } from 'node:path';
import type { CgroupStats } from './cgroup.js';
import { readKeyed, readNumber } from './cgroup-files.js';

/** v1 reports "no limit" as the largest page-aligned counter (about 2^63); anything this big is unlimited. */
const UNLIMITED = 2 ** 60;

/** The usage of the group whose directory for a controller is `dirOf(controller)` (undefined when not mounted). */
export function readV1Stats(dirOf: (controller: string) => string | undefined, countPids: () => number): CgroupStats {
  const memory = dirOf('memory');
  const cpuacct = dirOf('cpuacct');
  const pids = dirOf('pids');
  const limit = memory === undefined ? undefined : readKeyed(join(memory, 'memory.stat')).get('hierarchical_memory_limit');
  return {
    memoryBytes: (memory === undefined ? undefined : readNumber(join(memory, 'memory.usage_in_bytes'))) ?? 0,
    memoryLimitBytes: limit === undefined || limit >= UNLIMITED ? undefined : limit,
    cpuUsageNanos: (cpuacct === undefined ? undefined : readNumber(join(cpuacct, 'cpuacct.usage'))) ?? 0,
    pids: (pids === undefined ? undefined : readNumber(join(pids, 'pids.current'))) ?? countPids(),
    oomKills: v1OomKills(memory),
  };
}

/** The `oom_kill` count of `memory.oom_control` (kernel 4.13+), 0 without a memory directory. */
export function v1OomKills(memoryDir: string | undefined): number {
  if (memoryDir === undefined) return 0;
  return readKeyed(join(memoryDir, 'memory.oom_control')).get('oom_kill') ?? 0;
}
