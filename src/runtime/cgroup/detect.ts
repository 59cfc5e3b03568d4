/**
 * Which cgroup mode a mount root is in, decided at run time from the files there: pure v2 has
 * `cgroup.controllers` at the root; v1 has one directory per controller (hybrid systems add a
 * controller-less cgroup2 at `unified/`, and berth then uses the v1 controllers, where the limits live).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BerthError } from '../../errors/index.js';

/** Where cgroupfs is mounted on Linux. */
export const DEFAULT_MOUNT_ROOT = '/sys/fs/cgroup';

/** The v1 controllers berth uses: limits (memory, cpu, cpuset, pids), stats (cpuacct), pause (freezer). */
export const V1_CONTROLLERS = ['memory', 'cpu', 'cpuacct', 'cpuset', 'pids', 'freezer'] as const;

/** What a mount root holds. */
export type CgroupMode = 'v1' | 'v2' | 'hybrid';

/** Detects the mode at `mountRoot`; throws a `precondition` BerthError when no cgroup hierarchy is there. */
export function detectCgroupMode(mountRoot: string = DEFAULT_MOUNT_ROOT): CgroupMode {
  if (existsSync(join(mountRoot, 'cgroup.controllers'))) return 'v2';
  if (V1_CONTROLLERS.some((c) => existsSync(join(mountRoot, c, 'cgroup.procs')))) {
    return existsSync(join(mountRoot, 'unified', 'cgroup.controllers')) ? 'hybrid' : 'v1';
  }
  throw new BerthError('precondition', 'cgroup.not-mounted', `no cgroup hierarchy is mounted at ${mountRoot}`, {
    hint: `mount cgroup2 there (mount -t cgroup2 none ${mountRoot}) or boot with cgroups enabled`,
  });
}
