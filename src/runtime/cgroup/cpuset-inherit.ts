/**
 * cgroup v1 cpuset groups start with empty `cpuset.cpus` and `cpuset.mems`, and no task can join such a
 * group, so each new berth directory gets its parent's values (filling the parent first when it is a
 * berth directory still empty, e.g. made a moment ago by a concurrent berth). The `berth` parent also gets
 * `cgroup.clone_children = 1`, so the kernel copies the values into later children by itself.
 */
import { dirname, join } from 'node:path';
import { readControl, writeControl } from './cgroup-files.js';

/** Gives the cpuset directory `dir` its parent's CPUs and memory nodes when it has none; stops at `root`. */
export function inheritCpuset(dir: string, root: string): void {
  if (dir === root || readControl(join(dir, 'cpuset.cpus')) !== '') return;
  const parent = dirname(dir);
  inheritCpuset(parent, root);
  for (const file of ['cpuset.mems', 'cpuset.cpus']) {
    writeControl(join(dir, file), readControl(join(parent, file)) ?? '');
  }
}

/** Makes the kernel copy cpuset values into new children of `dir` (set on the `berth` parent when made). */
export function cloneCpusetToChildren(dir: string): void {
  writeControl(join(dir, 'cgroup.clone_children'), '1');
}
