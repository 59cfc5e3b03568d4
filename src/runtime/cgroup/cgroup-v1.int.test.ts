/**
 * The v1 driver on this machine's real v1 hierarchies (hybrid here): the conformance suite, plus what only
 * v1 has here: cpuset inheritance, memory+swap ordering on update, a kernel-refused value, and a real
 * memory hog killed by the OOM killer. Groups live under berth/cg-test-v1-*; everything is removed after.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Cgroup } from './cgroup.js';
import { cgroupV1Driver } from './cgroup-v1.js';
import { detectCgroupMode } from './detect.js';
import { cgroupDriver } from './index.js';
import { describeCgroupConformance } from './test-support/cgroup-conformance.js';

const ROOT = '/sys/fs/cgroup';
const isRoot = process.getuid?.() === 0;
const hasV1 = isRoot && detectCgroupMode(ROOT) !== 'v2';
const MiB = 1024 * 1024;

const dirOf = (group: Cgroup, controller: string): string => group.dirs.find((d) => d.includes(`/${controller}/berth/`))!;
const read = (path: string): string => readFileSync(path, 'utf8').trim();

describe.skipIf(!hasV1)('cgroup v1 driver (needs root and v1 controllers at /sys/fs/cgroup)', () => {
  describeCgroupConformance('v1', {
    driver: () => cgroupV1Driver(ROOT),
    limits: { memory: 64 * MiB, memoryReservation: 32 * MiB, memorySwap: 128 * MiB, cpus: 0.5, cpuShares: 512, cpuset: '0', pids: 64 },
    expectFiles: (g) => [
      [join(dirOf(g, 'memory'), 'memory.limit_in_bytes'), String(64 * MiB)],
      [join(dirOf(g, 'memory'), 'memory.soft_limit_in_bytes'), String(32 * MiB)],
      [join(dirOf(g, 'memory'), 'memory.memsw.limit_in_bytes'), String(128 * MiB)],
      [join(dirOf(g, 'cpu'), 'cpu.cfs_period_us'), '100000'],
      [join(dirOf(g, 'cpu'), 'cpu.cfs_quota_us'), '50000'],
      [join(dirOf(g, 'cpu'), 'cpu.shares'), '512'],
      [join(dirOf(g, 'cpuset'), 'cpuset.cpus'), '0'],
      [join(dirOf(g, 'pids'), 'pids.max'), '64'],
    ],
    refused: { limits: { memory: 64 * MiB, pids: 64, cpuset: '999' }, code: 'cgroup.limit-refused' },
    isFrozen: (g) => read(join(dirOf(g, 'freezer'), 'freezer.state')) === 'FROZEN',
    makeHalf: (_driver, name) => {
      for (const controller of ['memory', 'pids']) mkdirSync(join(ROOT, controller, 'berth', name), { recursive: true });
    },
  });

  const driver = cgroupV1Driver(ROOT);
  const prefix = `cg-test-v1x-${process.pid}`;
  afterAll(() => {
    for (const name of driver.list(prefix)) driver.open(name)?.destroy();
  });

  it('is what cgroupDriver() picks on this machine', () => {
    expect(cgroupDriver().mode).toBe('v1');
  });

  it('gives a new group its parent cpuset so tasks can join', () => {
    const group = driver.create(`${prefix}-cpuset/inner`, {});
    const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      expect(read(join(dirOf(group, 'cpuset'), 'cpuset.cpus'))).toBe(read(join(ROOT, 'cpuset', 'cpuset.cpus')));
      expect(read(join(dirOf(group, 'cpuset'), 'cpuset.mems'))).toBe(read(join(ROOT, 'cpuset', 'cpuset.mems')));
      writeFileSync(join(dirOf(group, 'cpuset'), 'cgroup.procs'), String(sleeper.pid));
      expect(group.pids()).toEqual([sleeper.pid]);
    } finally {
      sleeper.kill('SIGKILL');
      group.destroy();
    }
  });

  it('raises memory above the old memory+swap limit on update', () => {
    const group = driver.create(`${prefix}-update`, { memory: 32 * MiB, memorySwap: 64 * MiB });
    try {
      group.update({ memory: 128 * MiB, memorySwap: 256 * MiB, pids: -1 });
      expect(read(join(dirOf(group, 'memory'), 'memory.limit_in_bytes'))).toBe(String(128 * MiB));
      expect(read(join(dirOf(group, 'memory'), 'memory.memsw.limit_in_bytes'))).toBe(String(256 * MiB));
      expect(read(join(dirOf(group, 'pids'), 'pids.max'))).toBe('max');
      expect(group.stats().memoryLimitBytes).toBe(128 * MiB);
    } finally {
      group.destroy();
    }
  });

  it('names the group, file and value of a limit the kernel refuses', () => {
    expect(() => driver.create(`${prefix}-quota`, { cpuQuota: 10 })).toThrow(
      expect.objectContaining({ code: 'cgroup.limit-refused', errorClass: 'invalid', message: expect.stringMatching(/berth\/cg-test-v1x-\d+-quota: .*cpuQuota "10" in .*cpu\.cfs_quota_us: EINVAL/) }),
    );
    expect(driver.open(`${prefix}-quota`)).toBeUndefined();
  });

  it('reports a memory hog killed by the OOM killer', async () => {
    const group = driver.create(`${prefix}-oom`, { memory: 16 * MiB, memorySwap: 16 * MiB });
    const hog = spawn('sh', ['-c', 'read go; head -c 536870912 /dev/zero | tail'], { stdio: ['pipe', 'ignore', 'ignore'] });
    try {
      const exited = new Promise<number | null>((resolve) => hog.on('exit', (code) => resolve(code)));
      for (const file of group.procsFiles) writeFileSync(file, String(hog.pid));
      hog.stdin.end('go\n');
      expect(await exited).toBe(137);
      expect(group.oomKilled()).toBe(true);
      expect(group.stats().oomKills).toBeGreaterThanOrEqual(1);
    } finally {
      if (hog.exitCode === null && hog.signalCode === null) hog.kill('SIGKILL');
      group.destroy();
    }
    expect(existsSync(dirOf(group, 'memory'))).toBe(false);
  });
});
