/**
 * ContainerConfig: everything the runtime needs to create one container, as pure data with no Compose
 * types (the plan layer builds it from a service). Sizes are bytes; limits use the cgroup contract.
 */
import type { CgroupLimits } from '../cgroup/index.js';

/** The root filesystem: image layers under a per-container overlay, or a plain directory. */
export type RootfsSpec =
  | { kind: 'overlay'; lowers: readonly string[] }
  | { kind: 'dir'; path: string };

/** A mount inside the container; targets are resolved inside the container's root. */
export type MountSpec =
  | { type: 'bind'; source: string; target: string; readOnly?: boolean; propagation?: 'private' | 'rprivate' | 'slave' | 'rslave' | 'shared' | 'rshared' }
  | TmpfsMountSpec;

/** A tmpfs mount: nosuid and nodev unless `suid`/`dev`; the root dir's mode (default 1777) and owner. */
export interface TmpfsMountSpec {
  type: 'tmpfs';
  target: string;
  size?: number;
  mode?: number;
  readOnly?: boolean;
  noexec?: boolean;
  suid?: boolean;
  dev?: boolean;
  uid?: number;
  gid?: number;
  nrInodes?: number;
}

/** One ulimit in Docker's terms (`nofile`, soft, hard); -1 means unlimited. */
export interface RlimitSpec {
  name: string;
  soft: number;
  hard: number;
}

/** The container's process. */
export interface ProcessSpec {
  args: readonly string[];
  env: readonly string[];
  cwd?: string | undefined;
  /** `uid[:gid]` or `name[:group]`, names from the image's /etc/passwd and /etc/group. */
  user?: string | undefined;
  groups?: readonly string[] | undefined;
  rlimits?: readonly RlimitSpec[] | undefined;
  noNewPrivileges?: boolean | undefined;
  capAdd?: readonly string[] | undefined;
  capDrop?: readonly string[] | undefined;
  privileged?: boolean | undefined;
  tty?: boolean | undefined;
  init?: boolean | undefined;
}

/** The network namespace: a new empty one, a bind-mounted one to join, or the host's. */
export type NetworkSpec = { mode: 'none' } | { mode: 'host' } | { mode: 'join'; path: string };

export interface ContainerConfig {
  /** Unique id (letters, digits, `-`, `_`, `.`); names its state dirs and cgroup. */
  id: string;
  name: string;
  rootfs: RootfsSpec;
  readOnlyRootfs?: boolean | undefined;
  mounts: readonly MountSpec[];
  process: ProcessSpec;
  hostname?: string | undefined;
  limits: CgroupLimits;
  network: NetworkSpec;
  /** /dev/shm size in bytes (default 64 MiB). */
  shmSize?: number | undefined;
  /** Contents of the container's /etc/hosts and /etc/resolv.conf (defaults: localhost lines, the host's). */
  hosts?: string | undefined;
  resolvConf?: string | undefined;
  /** Cgroup group name under the `berth` parent (default: the id). */
  cgroupName?: string | undefined;
  labels: Readonly<Record<string, string>>;
}
