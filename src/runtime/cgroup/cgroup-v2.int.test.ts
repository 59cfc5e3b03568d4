/**
 * The v2 driver on a real cgroup2 hierarchy that this test mounts at a temp dir. On this hybrid machine
 * every limit controller is bound to v1, so that hierarchy has none: the conformance suite runs with no
 * limits (create, processes, stats, freeze, cgroup.kill, destroy are all real), and a limit needing a
 * missing controller must fail clearly and leave nothing. The v2 limit files are tested in
 * cgroup-v2-files.test.ts. Groups live under berth/cg-test-v2-*; the mount is removed after.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cgroupV2Driver } from './cgroup-v2.js';
import { detectCgroupMode } from './detect.js';
import { cgroupDriver } from './index.js';
import { describeCgroupConformance } from './test-support/cgroup-conformance.js';

const isRoot = process.getuid?.() === 0;
const mountRoot = join(isRoot ? mkdtempSync(join(tmpdir(), 'berth-cg-test-v2-')) : tmpdir(), 'cgroup2');

function mountCgroup2(): void {
  mkdirSync(mountRoot, { recursive: true });
  execFileSync('mount', ['-t', 'cgroup2', 'none', mountRoot]);
}

/** Unmounts, then removes the two empty temp dirs (never recursively: a failed umount leaves cgroupfs there). */
function unmountCgroup2(): void {
  if (readFileSync('/proc/mounts', 'utf8').includes(` ${mountRoot} `)) execFileSync('umount', [mountRoot]);
  if (existsSync(mountRoot)) rmdirSync(mountRoot);
  rmdirSync(dirname(mountRoot));
}

describe.skipIf(!isRoot)('cgroup v2 driver on a cgroup2 hierarchy mounted by the test (needs root)', () => {
  beforeAll(mountCgroup2);
  afterAll(unmountCgroup2);

  describeCgroupConformance('v2', {
    driver: () => cgroupV2Driver(mountRoot),
    limits: {},
    expectFiles: () => [],
    refused: { limits: { memory: 64 * 1024 * 1024 }, code: 'cgroup.controller-missing' },
    isFrozen: (g) => /^frozen 1$/m.test(readFileSync(join(g.dirs[0]!, 'cgroup.events'), 'utf8')),
    makeHalf: (_driver, name) => mkdirSync(join(mountRoot, 'berth', name)),
  });

  it('is detected as v2 and picked by cgroupDriver()', () => {
    expect(detectCgroupMode(mountRoot)).toBe('v2');
    expect(cgroupDriver({ mountRoot }).mode).toBe('v2');
  });

  it('says which controller is missing and why', () => {
    const driver = cgroupV2Driver(mountRoot);
    expect(() => driver.create(`cg-test-v2-${process.pid}-pids`, { pids: 10 })).toThrow(
      expect.objectContaining({ errorClass: 'precondition', message: expect.stringContaining('the pids controller is not available') }),
    );
    expect(driver.open(`cg-test-v2-${process.pid}-pids`)).toBeUndefined();
  });
});
