/**
 * The cgroup contract, one interface for the v1 and v2 drivers. Lifecycle: `create` makes the group (and
 * the `berth` parent when missing) and writes the limits; the container's process joins it by having its
 * pid written to every file in `procsFiles` before it runs user code; `destroy` kills what is left inside
 * and removes the directories, and is idempotent and safe on half-made groups. Every group lies under a
 * parent named `berth` (machine safety rule); nothing outside it is ever changed.
 */

/**
 * Limits in Docker's units. An absent field means "no limit / kernel default" on create and "leave as is" on
 * update. Docker's default of memory+swap = 2 × memory when only memory is set is the caller's policy: the
 * drivers write exactly what they are given.
 */
export interface CgroupLimits {
  /** Memory limit in bytes (`mem_limit`, `deploy.resources.limits.memory`); -1 means unlimited. */
  memory?: number | undefined;
  /** Soft limit in bytes (`mem_reservation`). */
  memoryReservation?: number | undefined;
  /** Memory plus swap in bytes, Docker's `memswap_limit`; -1 means unlimited swap. */
  memorySwap?: number | undefined;
  /** CPUs as a fraction (`cpus: 0.5`), turned into quota/period. */
  cpus?: number | undefined;
  /** CFS period and quota in microseconds (`cpu_period`, `cpu_quota`); `cpus` wins when both are set. */
  cpuPeriod?: number | undefined;
  cpuQuota?: number | undefined;
  /** Relative weight, Docker's 2..262144 scale (`cpu_shares`); 0 means the default. On v2 it becomes `cpu.weight`. */
  cpuShares?: number | undefined;
  /** CPUs the group may run on, cpuset list syntax (`0-1,3`). */
  cpuset?: string | undefined;
  /** Maximum number of tasks (`pids_limit`); 0 or -1 means unlimited. */
  pids?: number | undefined;
}

/** Usage read from the group's files; a controller the group lacks reads as 0 (pids: counted from `cgroup.procs`). */
export interface CgroupStats {
  memoryBytes: number;
  /** The effective memory limit in bytes, or undefined when unlimited. */
  memoryLimitBytes: number | undefined;
  cpuUsageNanos: number;
  pids: number;
  oomKills: number;
}

/** One container's cgroup (one directory per controller on v1, one directory on v2). */
export interface Cgroup {
  /** Name relative to the `berth` parent, e.g. `myproj/3f2a…`. */
  readonly name: string;
  /** Every directory of the group. */
  readonly dirs: readonly string[];
  /** The `cgroup.procs` files a pid must be written to so the process is fully inside the group. */
  readonly procsFiles: readonly string[];
  /** Writes new limits. */
  update(limits: CgroupLimits): void;
  /** The pids inside the group (all controllers together, no duplicates). */
  pids(): number[];
  stats(): CgroupStats;
  /** Whether the kernel's OOM killer has killed a task of this group. */
  oomKilled(): boolean;
  /** Freezes or thaws every task (`pause`/`unpause`). */
  freeze(): void;
  thaw(): void;
  /** Whether the group is frozen now (false when it has no freezer or is gone): `ps` shows it `paused`. */
  frozen(): boolean;
  /** Sends a signal to every task in the group. */
  kill(signal: NodeJS.Signals | number): void;
  /**
   * Kills stray tasks (thawing first), waits for them to leave (at most 5 s, else BerthError `cgroup.busy`),
   * removes the directories and any emptied intermediate groups below `berth`; idempotent.
   */
  destroy(): void;
}

/** A cgroup driver: v1 (per-controller hierarchies) or v2 (unified). */
export interface CgroupDriver {
  readonly mode: 'v1' | 'v2';
  /**
   * Creates the group `name` under the `berth` parent with these limits. Fails, leaving nothing behind, with a
   * BerthError: `cgroup.limit-refused` naming the file and value the kernel refused, `cgroup.invalid-limit`,
   * `cgroup.controller-missing`, or `cgroup.exists` (an existing group is never adopted, nor touched).
   */
  create(name: string, limits: CgroupLimits): Cgroup;
  /** The existing group `name`, or undefined when none of its directories exist. */
  open(name: string): Cgroup | undefined;
  /** Names of every group under the `berth` parent whose name starts with `prefix` (leaf groups only). */
  list(prefix?: string): string[];
}
