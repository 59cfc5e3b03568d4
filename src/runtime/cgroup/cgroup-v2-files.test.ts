/**
 * The v2 driver's file work against a fake unified tree of plain files (this machine's cgroup2 has no
 * controllers to write to): limit writes, refused writes, stats with the effective limit from an
 * ancestor, and controller delegation. Files are pre-made as the kernel would make them.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyLimitWrites } from './apply-limits.js';
import { v2LimitWrites } from './limit-writes-v2.js';
import { readV2Stats } from './stats-v2.js';
import { checkDelegated, enableForChildren } from './v2-controllers.js';

const MiB = 1024 * 1024;
const LIMIT_FILES = ['memory.max', 'memory.low', 'memory.swap.max', 'cpu.max', 'cpu.weight', 'cpuset.cpus', 'pids.max'];
let root = '';
let group = '';

const put = (dir: string, files: Record<string, string>): void => {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
};
const read = (file: string): string => readFileSync(join(group, file), 'utf8');

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'berth-cg-v2fake-'));
  put(root, { 'cgroup.controllers': 'cpuset cpu io memory pids', 'cgroup.subtree_control': 'cpu memory' });
  put(join(root, 'berth'), { 'cgroup.controllers': 'cpu memory', 'cgroup.subtree_control': '', 'memory.max': String(256 * MiB) });
  group = join(root, 'berth', 'proj', 'c1');
  put(group, Object.fromEntries(LIMIT_FILES.map((f) => [f, ''])));
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('cgroup v2 files', () => {
  it('writes every limit to its file', () => {
    const limits = { memory: 64 * MiB, memoryReservation: 16 * MiB, memorySwap: 96 * MiB, cpus: 0.5, cpuShares: 512, cpuset: '1', pids: 20 };
    applyLimitWrites('berth/proj/c1', v2LimitWrites(limits), () => group);
    expect(LIMIT_FILES.map((f) => `${f}=${read(f)}`)).toEqual([
      `memory.max=${64 * MiB}`,
      `memory.low=${16 * MiB}`,
      `memory.swap.max=${32 * MiB}`,
      'cpu.max=50000 100000',
      'cpu.weight=20',
      'cpuset.cpus=1',
      'pids.max=20',
    ]);
  });

  it('names the group, limit, value and file of a refused write', () => {
    rmSync(join(group, 'cpu.max'));
    mkdirSync(join(group, 'cpu.max'));
    expect(() => applyLimitWrites('berth/proj/c1', v2LimitWrites({ cpus: 2 }), () => group)).toThrow(
      expect.objectContaining({ code: 'cgroup.limit-refused', message: `cgroup berth/proj/c1: the kernel refused cpus "200000 100000" in ${group}/cpu.max: EISDIR` }),
    );
  });

  it('says a missing limit file means a controller that is not enabled', () => {
    rmSync(join(group, 'pids.max'));
    expect(() => applyLimitWrites('berth/proj/c1', v2LimitWrites({ pids: 5 }), () => group)).toThrow(/pids\.max does not exist \(is the pids controller enabled\?\)/);
  });

  it('reads stats, with the effective memory limit from the nearest limited ancestor', () => {
    put(group, { 'memory.current': '1048576', 'memory.max': 'max', 'cpu.stat': 'usage_usec 1500\nuser_usec 1000\n', 'pids.current': '3', 'memory.events': 'low 0\nhigh 0\nmax 4\noom 2\noom_kill 1\n' });
    expect(readV2Stats(group, root, () => 0)).toEqual({ memoryBytes: MiB, memoryLimitBytes: 256 * MiB, cpuUsageNanos: 1_500_000, pids: 3, oomKills: 1 });
    put(group, { 'memory.max': String(8 * MiB) });
    expect(readV2Stats(group, root, () => 0).memoryLimitBytes).toBe(8 * MiB);
  });

  it('reads zeros and counts processes when controllers are absent', () => {
    rmSync(join(root, 'berth', 'memory.max'));
    expect(readV2Stats(group, root, () => 2)).toEqual({ memoryBytes: 0, memoryLimitBytes: undefined, cpuUsageNanos: 0, pids: 2, oomKills: 0 });
  });

  it('enables only the controllers not yet on, and explains a controller it cannot have', () => {
    const berth = join(root, 'berth');
    enableForChildren(berth, ['cpu', 'memory']);
    expect(readFileSync(join(berth, 'cgroup.subtree_control'), 'utf8')).toBe('+cpu +memory');
    checkDelegated('berth/x', root, berth, ['cpu', 'memory']);
    expect(() => checkDelegated('berth/x', root, berth, ['pids'])).toThrow(/pids controller is not available: .*cgroup\.subtree_control does not enable it/);
    expect(() => checkDelegated('berth/x', root, berth, ['hugetlb'])).toThrow(/hugetlb controller is not available: the cgroup2 hierarchy at .* does not have it/);
  });
});
