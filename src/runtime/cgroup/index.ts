/**
 * The public surface of runtime/cgroup: `cgroupDriver()` picks the driver for this machine at run time
 * (pure v2 → the v2 driver; hybrid or pure v1 → the v1 driver, where the controllers are), plus the
 * contract types. Every group lies under a parent named `berth`.
 */
import type { CgroupDriver } from './cgroup.js';
import { cgroupV1Driver } from './cgroup-v1.js';
import { cgroupV2Driver } from './cgroup-v2.js';
import { DEFAULT_MOUNT_ROOT, detectCgroupMode } from './detect.js';

export type { Cgroup, CgroupDriver, CgroupLimits, CgroupStats } from './cgroup.js';
export { detectCgroupMode, type CgroupMode } from './detect.js';
export { cgroupV1Driver } from './cgroup-v1.js';
export { cgroupV2Driver } from './cgroup-v2.js';

/** The driver for the cgroup hierarchy at `mountRoot` (default /sys/fs/cgroup), detected now. */
export function cgroupDriver(options: { mountRoot?: string } = {}): CgroupDriver {
  const mountRoot = options.mountRoot ?? DEFAULT_MOUNT_ROOT;
  return detectCgroupMode(mountRoot) === 'v2' ? cgroupV2Driver(mountRoot) : cgroupV1Driver(mountRoot);
}
