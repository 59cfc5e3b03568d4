/**
 * The cgroup v1 driver: a group is one directory per hierarchy, `<controller root>/berth/<name>`. Limits
 * go to the controller that owns them; cpuset directories get their parent's CPUs and memory nodes so
 * tasks can join. Synchronous and process-free: create+destroy is a handful of syscalls.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { applyLimitWrites, type LimitWrite } from './apply-limits.js';
import type { Cgroup, CgroupDriver, CgroupLimits, CgroupStats } from './cgroup.js';
import { errnoCode, makeDir, readControl, readNumber, readPids, waitUntil, writeControl } from './cgroup-files.js';
import { cloneCpusetToChildren, inheritCpuset } from './cpuset-inherit.js';
import { controllerMissing, freezeTimeout, groupSetupFailed, groupWriteFailed } from './group-errors.js';
import { makeChain, removeMade } from './group-dirs.js';
import { checkGroupName, groupLabel, leafGroups } from './group-name.js';
import { DRAIN_TIMEOUT_MS, drainGroup, removeGroupDir, signalPids } from './group-removal.js';
import { validateLimits } from './limit-validation.js';
import { orderMemoryWrites, v1LimitWrites } from './limit-writes-v1.js';
import { readV1Stats, v1OomKills } from './stats-v1.js';
import { findV1Hierarchies, type V1Hierarchy } from './v1-hierarchies.js';

/** The v1 driver over the controller hierarchies mounted under `mountRoot`. */
export function cgroupV1Driver(mountRoot: string): CgroupDriver {
  const hierarchies = findV1Hierarchies(mountRoot);
  return {
    mode: 'v1',
    create: (name, limits) => createV1Group(hierarchies, name, limits),
    open(name) {
      const group = new V1Group(hierarchies, checkGroupName(name));
      return group.dirs.some((dir) => existsSync(dir)) ? group : undefined;
    },
    list(prefix = '') {
      const names = new Set(hierarchies.flatMap((h) => leafGroups(h.base)));
      return [...names].filter((name) => name.startsWith(prefix)).sort();
    },
  };
}

function createV1Group(hierarchies: V1Hierarchy[], name: string, limits: CgroupLimits): V1Group {
  const group = new V1Group(hierarchies, checkGroupName(name));
  const writes = group.checkedWrites(validateLimits(group.label, limits));
  const made: string[] = [];
  try {
    for (const hierarchy of hierarchies) made.push(...makeV1Dirs(group.label, hierarchy, name));
    applyLimitWrites(group.label, writes, (controller) => group.dirOf(controller)!);
  } catch (error) {
    removeMade(made);
    throw error;
  }
  return group;
}

/** Makes the chain `berth/…/name` in one hierarchy; returns the directories made below `berth`. */
function makeV1Dirs(label: string, hierarchy: V1Hierarchy, name: string): string[] {
  const cpuset = hierarchy.controllers.includes('cpuset');
  const made: string[] = [];
  let at = hierarchy.base;
  try {
    if (makeDir(at) && cpuset) {
      inheritCpuset(at, hierarchy.root);
      cloneCpusetToChildren(at);
    }
    made.push(...makeChain(label, hierarchy.base, name, (dir) => (at = dir)));
    if (cpuset) inheritCpuset(at, hierarchy.root);
    return made;
  } catch (error) {
    removeMade(made);
    throw errnoCode(error) === undefined ? error : groupSetupFailed(label, at, error);
  }
}

class V1Group implements Cgroup {
  readonly label: string;
  readonly dirs: readonly string[];
  readonly procsFiles: readonly string[];
  private readonly byController = new Map<string, string>();

  constructor(private readonly hierarchies: readonly V1Hierarchy[], readonly name: string) {
    this.label = groupLabel(name);
    this.dirs = hierarchies.map((h) => join(h.base, name));
    this.procsFiles = this.dirs.map((dir) => join(dir, 'cgroup.procs'));
    for (const h of hierarchies) for (const c of h.controllers) this.byController.set(c, join(h.base, name));
  }

  /** The group's directory in the hierarchy of `controller`, or undefined when that controller is not mounted. */
  dirOf(controller: string): string | undefined {
    return this.byController.get(controller);
  }

  /** The writes for `limits`, after checking every controller they need is mounted. */
  checkedWrites(limits: CgroupLimits): LimitWrite[] {
    const writes = v1LimitWrites(limits);
    const missing = writes.find((w) => this.dirOf(w.controller) === undefined);
    if (missing === undefined) return writes;
    throw controllerMissing(this.label, missing.controller, `no v1 hierarchy for it is mounted (needed by ${missing.limit})`);
  }

  update(limits: CgroupLimits): void {
    const writes = this.checkedWrites(validateLimits(this.label, limits));
    const memory = this.dirOf('memory');
    const memSwap = memory === undefined ? undefined : readNumber(join(memory, 'memory.memsw.limit_in_bytes'));
    applyLimitWrites(this.label, orderMemoryWrites(writes, memSwap), (c) => this.dirOf(c)!);
  }

  pids(): number[] {
    return [...new Set(this.procsFiles.flatMap(readPids))];
  }

  stats(): CgroupStats {
    return readV1Stats((c) => this.dirOf(c), () => this.pids().length);
  }

  oomKilled(): boolean {
    return v1OomKills(this.dirOf('memory')) > 0;
  }

  freeze(): void {
    const state = join(this.freezerDir(), 'freezer.state');
    this.write(state, 'FROZEN');
    if (waitUntil(() => readControl(state) === 'FROZEN', DRAIN_TIMEOUT_MS)) return;
    this.write(state, 'THAWED');
    throw freezeTimeout(this.label, DRAIN_TIMEOUT_MS);
  }

  thaw(): void {
    this.write(join(this.freezerDir(), 'freezer.state'), 'THAWED');
  }

  frozen(): boolean {
    const dir = this.dirOf('freezer');
    return dir !== undefined && readControl(join(dir, 'freezer.state')) === 'FROZEN';
  }

  kill(signal: NodeJS.Signals | number): void {
    signalPids(this.pids(), signal);
  }

  destroy(): void {
    const freezer = this.dirOf('freezer');
    if (freezer !== undefined && existsSync(freezer)) this.thaw();
    drainGroup(this.label, () => this.pids(), () => this.kill('SIGKILL'));
    for (const h of this.hierarchies) removeGroupDir(this.label, h.base, join(h.base, this.name));
  }

  private freezerDir(): string {
    const dir = this.dirOf('freezer');
    if (dir === undefined) throw controllerMissing(this.label, 'freezer', 'no v1 freezer hierarchy is mounted');
    return dir;
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
