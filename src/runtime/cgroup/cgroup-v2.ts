/**
 * The cgroup v2 driver: a group is one directory, `<mount root>/berth/<name>`, with the controllers its
 * limits need enabled down the berth-made chain above it. Freeze uses `cgroup.freeze`, SIGKILL uses
 * `cgroup.kill` where the kernel has it (5.14+), which also catches tasks forking during the kill.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { applyLimitWrites } from './apply-limits.js';
import type { Cgroup, CgroupDriver, CgroupLimits, CgroupStats } from './cgroup.js';
import { errnoCode, makeDir, readKeyed, readPids, waitUntil, writeControl } from './cgroup-files.js';
import { makeChain, removeMade } from './group-dirs.js';
import { freezeTimeout, groupSetupFailed, groupWriteFailed } from './group-errors.js';
import { BERTH_PARENT, checkGroupName, groupLabel, leafGroups } from './group-name.js';
import { DRAIN_TIMEOUT_MS, drainGroup, removeGroupDir, signalPids } from './group-removal.js';
import { validateLimits } from './limit-validation.js';
import { v2LimitWrites } from './limit-writes-v2.js';
import { readV2Stats, v2OomKills } from './stats-v2.js';
import { checkDelegated, controllerList, enableForChildren, V2_WANTED } from './v2-controllers.js';

/** The v2 driver over the unified hierarchy mounted at `mountRoot`. */
export function cgroupV2Driver(mountRoot: string): CgroupDriver {
  const base = join(mountRoot, BERTH_PARENT);
  return {
    mode: 'v2',
    create: (name, limits) => createV2Group(mountRoot, name, limits),
    open(name) {
      const group = new V2Group(mountRoot, checkGroupName(name));
      return existsSync(group.dir) ? group : undefined;
    },
    list: (prefix = '') => leafGroups(base).filter((name) => name.startsWith(prefix)).sort(),
  };
}

function createV2Group(mountRoot: string, name: string, limits: CgroupLimits): V2Group {
  const group = new V2Group(mountRoot, checkGroupName(name));
  const writes = v2LimitWrites(validateLimits(group.label, limits));
  const required = [...new Set(writes.map((w) => w.controller))];
  const base = join(mountRoot, BERTH_PARENT);
  const made: string[] = [];
  let at = base;
  try {
    makeDir(base);
    checkDelegated(group.label, mountRoot, base, required);
    const available = controllerList(base, 'cgroup.controllers');
    const wanted = [...new Set([...required, ...V2_WANTED.filter((c) => available.includes(c))])];
    made.push(...makeChain(group.label, base, name, (dir) => {
      enableForChildren((at = dirname(dir)), wanted);
      at = dir;
    }));
    applyLimitWrites(group.label, writes, () => group.dir);
  } catch (error) {
    removeMade(made);
    throw errnoCode(error) === undefined ? error : groupSetupFailed(group.label, at, error);
  }
  return group;
}

class V2Group implements Cgroup {
  readonly label: string;
  readonly dir: string;
  readonly dirs: readonly string[];
  readonly procsFiles: readonly string[];

  constructor(private readonly mountRoot: string, readonly name: string) {
    this.label = groupLabel(name);
    this.dir = join(mountRoot, BERTH_PARENT, name);
    this.dirs = [this.dir];
    this.procsFiles = [join(this.dir, 'cgroup.procs')];
  }

  update(limits: CgroupLimits): void {
    applyLimitWrites(this.label, v2LimitWrites(validateLimits(this.label, limits)), () => this.dir);
  }

  pids(): number[] {
    return readPids(join(this.dir, 'cgroup.procs'));
  }

  stats(): CgroupStats {
    return readV2Stats(this.dir, this.mountRoot, () => this.pids().length);
  }

  oomKilled(): boolean {
    return v2OomKills(this.dir) > 0;
  }

  freeze(): void {
    this.write(join(this.dir, 'cgroup.freeze'), '1');
    if (waitUntil(() => readKeyed(join(this.dir, 'cgroup.events')).get('frozen') === 1, DRAIN_TIMEOUT_MS)) return;
    this.thaw();
    throw freezeTimeout(this.label, DRAIN_TIMEOUT_MS);
  }

  thaw(): void {
    this.write(join(this.dir, 'cgroup.freeze'), '0');
  }

  frozen(): boolean {
    return readKeyed(join(this.dir, 'cgroup.events')).get('frozen') === 1;
  }

  kill(signal: NodeJS.Signals | number): void {
    if (signal === 'SIGKILL' || signal === 9) {
      try {
        writeControl(join(this.dir, 'cgroup.kill'), '1');
        return;
      } catch (error) {
        if (errnoCode(error) !== 'ENOENT') throw groupWriteFailed(this.label, join(this.dir, 'cgroup.kill'), '1', error);
      }
    }
    signalPids(this.pids(), signal);
  }

  destroy(): void {
    if (!existsSync(this.dir)) return;
    if (existsSync(join(this.dir, 'cgroup.freeze'))) this.thaw();
    drainGroup(this.label, () => this.pids(), () => this.kill('SIGKILL'));
    removeGroupDir(this.label, join(this.mountRoot, BERTH_PARENT), this.dir);
  }

  /** Writes a control file of this group, turning a failure into a BerthError naming it. */
  private write(path: string, value: string): void {
    try {
      writeControl(path, value);
    } catch (error) {
      throw groupWriteFailed(this.label, path, value, error);
    }
  }
}
