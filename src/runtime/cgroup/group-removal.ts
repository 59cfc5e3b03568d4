/**
 * Shared teardown of a group: kill until empty (bounded), then remove its directories. Both drivers use
 * it from `destroy` and from a failed `create`; every step tolerates what is already gone, so teardown is
 * idempotent and copes with half-made groups. Only directories inside the `berth` parent are removed, and
 * the `berth` parent itself stays (other groups may be made in it at any moment).
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BerthError } from '../../errors/index.js';
import { errnoCode, removeDir, sleepSync } from './cgroup-files.js';

/** How long teardown waits for killed tasks to leave, and for the kernel to release the directories. */
export const DRAIN_TIMEOUT_MS = 5000;

/** Sends `signal` to each pid, ignoring those already gone. */
export function signalPids(pids: readonly number[], signal: NodeJS.Signals | number): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch (error) {
      if (errnoCode(error) !== 'ESRCH') throw error;
    }
  }
}

/** Calls `kill` until `pids()` is empty; throws a `system` BerthError naming the group after the timeout. */
export function drainGroup(label: string, pids: () => number[], kill: () => void, timeoutMs = DRAIN_TIMEOUT_MS): void {
  const deadline = performance.now() + timeoutMs;
  for (let wait = 1; ; wait = Math.min(wait * 2, 20)) {
    const left = pids();
    if (left.length === 0) return;
    if (performance.now() > deadline) {
      throw new BerthError('system', 'cgroup.busy', `cgroup ${label} still has processes ${left.join(', ')} after ${timeoutMs} ms`, {
        hint: 'a process in uninterruptible sleep (D state) cannot be killed: check /proc/<pid>/stack, then run the removal again',
      });
    }
    kill();
    sleepSync(wait);
  }
}

/** Removes `dir` (children first) and its now-empty ancestors up to, not including, `base`. */
export function removeGroupDir(label: string, base: string, dir: string): void {
  removeTree(label, dir);
  for (let parent = dirname(dir); parent.startsWith(base + '/'); parent = dirname(parent)) {
    try {
      removeDir(parent);
    } catch (error) {
      if (errnoCode(error) === 'EBUSY' || errnoCode(error) === 'ENOTEMPTY') return;
      throw removalError(label, parent, error);
    }
  }
}

function removeTree(label: string, dir: string): void {
  const deadline = performance.now() + DRAIN_TIMEOUT_MS;
  for (;;) {
    try {
      removeDir(dir);
      return;
    } catch (error) {
      const busy = errnoCode(error) === 'EBUSY' || errnoCode(error) === 'ENOTEMPTY';
      if (!busy || performance.now() > deadline) throw removalError(label, dir, error);
    }
    const children = subdirs(dir);
    for (const child of children) removeTree(label, join(dir, child));
    if (children.length === 0) sleepSync(1);
  }
}

function subdirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return [];
    throw error;
  }
}

function removalError(label: string, dir: string, error: unknown): BerthError {
  return new BerthError('system', 'cgroup.remove-failed', `cgroup ${label}: cannot remove ${dir}: ${errnoCode(error) ?? String(error)}`, {
    hint: `check for processes still inside (cat ${dir}/cgroup.procs) and run the removal again`,
    cause: error,
  });
}
