#!/usr/bin/env node
// Cgroup create+destroy through the drivers (dist/, built by `npm run build`), median of 200 runs per
// driver this machine has: the one /sys/fs/cgroup is in, and on a hybrid machine also v2 on a cgroup2
// hierarchy the bench mounts in a temp dir (controller-less there, so without limits). Groups are
// berth/cg-test-bench-<pid>; the mount and temp dir are removed at the end. Contract: bench/run.mjs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = 200;
const LIMITS = { memory: 64 * 1024 * 1024, cpus: 0.5, pids: 64 };
const { cgroupDriver, cgroupV2Driver, detectCgroupMode } = await import('../dist/src/runtime/cgroup/index.js');

const row = (name, value, note) => console.log(JSON.stringify({ name, value, unit: 'ms', target: '~1 ms (start budget 10 ms)', ...(note ? { note } : {}) }));

function medianMs(driver, limits) {
  const name = `cg-test-bench-${process.pid}`;
  const times = [];
  for (let i = 0; i < RUNS + 10; i++) {
    const start = performance.now();
    driver.create(name, limits).destroy();
    if (i >= 10) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function benchTempV2() {
  const dir = mkdtempSync(join(tmpdir(), 'berth-cg-test-bench-'));
  execFileSync('mount', ['-t', 'cgroup2', 'none', dir]);
  try {
    const driver = cgroupV2Driver(dir);
    row(`cgroup v2 create+destroy, no limits (median of ${RUNS})`, medianMs(driver, {}), 'cgroup2 mounted by the bench; its controllers are bound to v1 here');
  } finally {
    execFileSync('umount', [dir]);
    rmdirSync(dir);
  }
}

if (process.getuid?.() !== 0) {
  row('cgroup create+destroy with memory+cpu+pids limits', null, 'needs root');
} else {
  const mode = detectCgroupMode();
  const driver = cgroupDriver();
  row(`cgroup ${driver.mode} create+destroy, memory+cpu+pids limits (median of ${RUNS})`, medianMs(driver, LIMITS), mode === 'hybrid' ? 'hybrid machine: v1 controllers' : undefined);
  if (mode === 'hybrid') benchTempV2();
}
