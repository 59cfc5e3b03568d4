/**
 * Controller delegation on cgroup v2: a group's controllers are those its parent lists in
 * `cgroup.subtree_control`. berth enables them in the `berth` parent and in intermediate groups below it,
 * all of which berth made; the mount root (and anything else berth did not make) is only read, and a
 * needed controller it does not delegate is reported with what to do.
 */
import { join } from 'node:path';
import { readControl, writeControl } from './cgroup-files.js';
import { controllerMissing } from './group-errors.js';

/** Controllers berth enables when available even without a limit, so stats can read their files. */
export const V2_WANTED = ['cpu', 'cpuset', 'memory', 'pids'] as const;

/** The words of a space-separated control file (`cgroup.controllers`, `cgroup.subtree_control`). */
export function controllerList(dir: string, file: string): string[] {
  return (readControl(join(dir, file)) ?? '').split(/\s+/).filter((word) => word !== '');
}

/** Throws a precondition BerthError when a controller in `required` is not available to `berthDir`. */
export function checkDelegated(label: string, mountRoot: string, berthDir: string, required: readonly string[]): void {
  const available = controllerList(berthDir, 'cgroup.controllers');
  for (const controller of required) {
    if (available.includes(controller)) continue;
    const why = controllerList(mountRoot, 'cgroup.controllers').includes(controller)
      ? `${mountRoot}/cgroup.subtree_control does not enable it for child groups ` +
        '(berth never changes the root: enable it there, e.g. with systemd delegation)'
      : `the cgroup2 hierarchy at ${mountRoot} does not have it (on a hybrid system it is bound to a v1 hierarchy)`;
    throw controllerMissing(label, controller, why);
  }
}

/** Enables `controllers` for the children of `dir` (a berth-made group), writing only those not yet on. */
export function enableForChildren(dir: string, controllers: readonly string[]): void {
  const enabled = controllerList(dir, 'cgroup.subtree_control');
  const missing = controllers.filter((c) => !enabled.includes(c));
  if (missing.length > 0) writeControl(join(dir, 'cgroup.subtree_control'), missing.map((c) => `+${c}`).join(' '));
}
