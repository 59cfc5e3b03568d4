/**
 * The one conformance suite every cgroup driver must pass, run by cgroup-v1.int.test.ts and
 * cgroup-v2.int.test.ts against real hierarchies: create with limits, a real process inside, stats,
 * freeze/thaw, kill, destroy (idempotent; with live, frozen or forking tasks; on half-made groups), a
 * refused limit, an existing group.
 * Group names start with `cg-test-<mode>-<pid>`; afterAll kills the processes it spawned and removes them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBerthError } from '../../../errors/index.js';
import type { Cgroup, CgroupDriver, CgroupLimits } from '../cgroup.js';

/** What the suite needs to know about one driver and the hierarchy it runs on. */
export interface ConformanceTarget {
  driver: () => CgroupDriver;
  /** Limits this hierarchy can apply, and the files (absolute path → content) they must produce. */
  limits: CgroupLimits;
  expectFiles: (group: Cgroup) => Array<[path: string, value: string]>;
  /** Limits this hierarchy refuses, and the BerthError code expected. */
  refused: { limits: CgroupLimits; code: string };
  /** Whether the group is frozen, read from the hierarchy's own files. */
  isFrozen: (group: Cgroup) => boolean;
  /** Makes part of the group `name` by hand, as a crash in the middle of create would leave it. */
  makeHalf: (driver: CgroupDriver, name: string) => void;
}

/** A started shell (by default one that becomes `sleep 60`) and a promise of the signal that ended it. */
interface Sleeper {
  child: ChildProcess;
  exited: Promise<NodeJS.Signals | null>;
}

/** Declares the conformance suite for `target` under `title`. */
export function describeCgroupConformance(title: string, target: ConformanceTarget): void {
  const prefix = `cg-test-${title}-${process.pid}`;
  const children: ChildProcess[] = [];
  let driver: CgroupDriver;

  const startSleeper = (script = 'exec sleep 60'): Sleeper => {
    const child = spawn('sh', ['-c', script], { stdio: 'ignore' });
    children.push(child);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    return { child, exited };
  };
  const join = (group: Cgroup, pid: number): void => {
    for (const file of group.procsFiles) writeFileSync(file, String(pid));
  };
  const gone = (group: Cgroup): boolean => group.dirs.every((dir) => !existsSync(dir));

  describe(`cgroup conformance: ${title}`, () => {
    beforeAll(() => {
      driver = target.driver();
    });
    afterAll(() => {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      for (const name of driver.list(prefix)) driver.open(name)?.destroy();
    });

    it('creates a group with limits, written to the files, and finds it again', () => {
      const group = driver.create(`${prefix}-limits`, target.limits);
      try {
        for (const [path, value] of target.expectFiles(group)) expect([path, readFileSync(path, 'utf8').trim()]).toEqual([path, value]);
        expect(driver.open(`${prefix}-limits`)?.dirs).toEqual(group.dirs);
        expect(driver.list(prefix)).toContain(`${prefix}-limits`);
      } finally {
        group.destroy();
      }
      expect(gone(group)).toBe(true);
      expect(driver.open(`${prefix}-limits`)).toBeUndefined();
    });

    it('holds a real process, reports stats, freezes, thaws and kills it', async () => {
      const group = driver.create(`${prefix}-proc`, target.limits);
      try {
        const sleeper = startSleeper();
        join(group, sleeper.child.pid!);
        expect(group.pids()).toEqual([sleeper.child.pid]);
        expect(readFileSync(`/proc/${sleeper.child.pid}/cgroup`, 'utf8')).toContain(`/berth/${prefix}-proc`);
        const stats = group.stats();
        expect(stats.pids).toBe(1);
        expect(stats.oomKills).toBe(0);
        expect(group.oomKilled()).toBe(false);
        expect(group.frozen()).toBe(false);
        group.freeze();
        expect(target.isFrozen(group)).toBe(true);
        expect(group.frozen()).toBe(true);
        group.thaw();
        expect(target.isFrozen(group)).toBe(false);
        expect(group.frozen()).toBe(false);
        group.kill('SIGTERM');
        expect(await sleeper.exited).toBe('SIGTERM');
      } finally {
        group.destroy();
      }
      expect(gone(group)).toBe(true);
    });

    it('destroy kills live and frozen tasks, removes everything, and is idempotent', async () => {
      const group = driver.create(`${prefix}-busy/inner`, target.limits);
      const sleepers = [startSleeper(), startSleeper()];
      for (const s of sleepers) join(group, s.child.pid!);
      group.freeze();
      group.destroy();
      expect(await Promise.all(sleepers.map((s) => s.exited))).toEqual(['SIGKILL', 'SIGKILL']);
      expect(gone(group)).toBe(true);
      expect(group.frozen()).toBe(false);
      expect(driver.list(`${prefix}-busy`)).toEqual([]);
      expect(() => group.destroy()).not.toThrow();
    });

    it('destroy stops a process that keeps forking', async () => {
      const group = driver.create(`${prefix}-forks`, target.limits);
      const forker = startSleeper('while :; do /bin/true; done');
      join(group, forker.child.pid!);
      await new Promise((resolve) => setTimeout(resolve, 30));
      group.destroy();
      expect(await forker.exited).toBe('SIGKILL');
      expect(gone(group)).toBe(true);
    });

    it('destroy removes child groups made inside the group', () => {
      const group = driver.create(`${prefix}-parent`, target.limits);
      for (const dir of group.dirs) mkdirSync(`${dir}/sub`);
      group.destroy();
      expect(gone(group)).toBe(true);
    });

    it('destroys a half-made group', () => {
      target.makeHalf(driver, `${prefix}-half`);
      const group = driver.open(`${prefix}-half`);
      expect(group).toBeDefined();
      group!.destroy();
      expect(gone(group!)).toBe(true);
    });

    it('fails on a refused limit naming the group, and leaves nothing behind', () => {
      let caught: unknown;
      try {
        driver.create(`${prefix}-refused`, target.refused.limits).destroy();
      } catch (error) {
        caught = error;
      }
      expect(isBerthError(caught) && caught.code).toBe(target.refused.code);
      expect((caught as Error).message).toContain(`berth/${prefix}-refused`);
      expect(driver.open(`${prefix}-refused`)).toBeUndefined();
    });

    it('refuses to create a group that already exists and leaves it alone', () => {
      const group = driver.create(`${prefix}-twice`, {});
      try {
        expect(() => driver.create(`${prefix}-twice`, {})).toThrow(expect.objectContaining({ code: 'cgroup.exists' }));
        expect(group.dirs.every((dir) => existsSync(dir))).toBe(true);
      } finally {
        group.destroy();
      }
    });
  });
}
