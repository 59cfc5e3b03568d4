/**
 * Reads a v2 group's usage from its directory. Files of a controller not enabled for the group are absent
 * and read as zero (pids falls back to counting `cgroup.procs`). The effective memory limit is the lowest
 * `memory.max` from the group up to the mount root, since any ancestor's limit bounds the group.
 */
import { dirname, join } from 'node:path';
import type { CgroupStats } from './cgroup.js';
import { readKeyed, readNumber } from './cgroup-files.js';

/** The usage of the v2 group at `dir`, a descendant of `mountRoot`. */
export function readV2Stats(dir: string, mountRoot: string, countPids: () => number): CgroupStats {
  return {
    memoryBytes: readNumber(join(dir, 'memory.current')) ?? 0,
    memoryLimitBytes: effectiveMemoryMax(dir, mountRoot),
    cpuUsageNanos: (readKeyed(join(dir, 'cpu.stat')).get('usage_usec') ?? 0) * 1000,
    pids: readNumber(join(dir, 'pids.current')) ?? countPids(),
    oomKills: v2OomKills(dir),
  };
}

/** The `oom_kill` count of the group's `memory.events` (0 without the memory controller). */
export function v2OomKills(dir: string): number {
  return readKeyed(join(dir, 'memory.events')).get('oom_kill') ?? 0;
}

function effectiveMemoryMax(dir: string, mountRoot: string): number | undefined {
  let lowest = Infinity;
  for (let at = dir; at.startsWith(mountRoot + '/'); at = dirname(at)) {
    lowest = Math.min(lowest, readNumber(join(at, 'memory.max')) ?? Infinity);
  }
  return Number.isFinite(lowest) ? lowest : undefined;
}
