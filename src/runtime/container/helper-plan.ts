/**
 * Policy to mechanism: turns a ContainerConfig (plus its paths and cgroup) into the helper's records, in
 * the order the helper applies them: namespaces, rootfs, standard mounts, the config's mounts, the
 * per-container /etc files, masks and read-only paths, then the process.
 */
import type { HelperRecord } from '../../sys/helper-records.js';
import { RLIMIT_RESOURCES } from '../../sys/rlimit.js';
import type { Cgroup } from '../cgroup/index.js';
import { CAPABILITIES, capabilitySet } from './capabilities.js';
import type { ContainerConfig, MountSpec } from './container-config.js';
import type { ContainerPaths } from './container-paths.js';
import { cgroupMounts, protectedPaths, standardMounts } from './standard-mounts.js';

const DEFAULT_SHM = 64 * 1024 * 1024;
// A pty's size when the caller's terminal gives none (detached, or stdin not a terminal): the VT100's.
const TTY_ROWS = 24;
const TTY_COLS = 80;

/** How the caller attaches to the container it starts. */
export interface AttachMode {
  /** The container gets the caller's stdin and the monitor copies its output to the caller. */
  attach: boolean;
  /** The sync fd stays open until the container exits, and reports how. */
  syncKeep: boolean;
}

function mountRecord(m: MountSpec): HelperRecord {
  if (m.type === 'bind') {
    const flags = ['rbind', m.readOnly === true ? 'ro' : '', m.propagation ?? 'rprivate'].filter((f) => f !== '');
    return ['mount', m.source, m.target, '', flags.join(','), ''];
  }
  const data = [
    m.size === undefined ? '' : `size=${m.size}`, `mode=${(m.mode ?? 0o1777).toString(8)}`, m.uid === undefined ? '' : `uid=${m.uid}`,
    m.gid === undefined ? '' : `gid=${m.gid}`, m.nrInodes === undefined ? '' : `nr_inodes=${m.nrInodes}`,
  ];
  const flags = [m.suid === true ? '' : 'nosuid', m.dev === true ? '' : 'nodev', m.noexec === true ? 'noexec' : '', m.readOnly === true ? 'ro' : ''];
  return ['mount', 'tmpfs', m.target, 'tmpfs', flags.filter((f) => f !== '').join(','), data.filter((d) => d !== '').join(',')];
}

function rootfsRecords(config: ContainerConfig, paths: ContainerPaths): HelperRecord[] {
  const records: HelperRecord[] = [];
  if (config.rootfs.kind === 'overlay') {
    const lowers = [paths.initLayer, ...config.rootfs.lowers];
    records.push(['rootfs_overlay', lowers.join(':'), paths.upper, paths.work, paths.dataDir, 'volatile']);
  } else {
    records.push(['rootfs_dir', config.rootfs.path]);
  }
  if (config.readOnlyRootfs === true) records.push(['readonly_rootfs']);
  // As runc's rootfsPropagation: a private tree would cut a slave or shared bind off from the host's mounts.
  if (config.mounts.some((m) => m.type === 'bind' && m.propagation !== undefined && /slave|shared/.test(m.propagation))) records.push(['rootfs_slave']);
  return records;
}

function namespaceRecords(config: ContainerConfig): HelperRecord[] {
  const records: HelperRecord[] = ['pid', 'mnt', 'uts', 'ipc', 'cgroup'].map((ns): HelperRecord => ['ns', ns]);
  if (config.network.mode === 'none') records.push(['ns', 'net']);
  if (config.network.mode === 'join') records.push(['netns', config.network.path]);
  return records;
}

function processRecords(config: ContainerConfig): HelperRecord[] {
  const p = config.process;
  const records: HelperRecord[] = [];
  if (config.hostname !== undefined) records.push(['hostname', config.hostname]);
  if (p.user !== undefined) records.push(['user', p.user]);
  if (p.groups !== undefined && p.groups.length > 0) records.push(['groups', ...p.groups]);
  const caps = capabilitySet(p, config.id);
  for (const cap of caps) records.push(['cap', String(cap)]);
  if (!caps.includes(CAPABILITIES['SYS_ADMIN']!)) records.push(['block_namespaces']);
  for (const r of p.rlimits ?? []) records.push(['rlimit', String(RLIMIT_RESOURCES[r.name] ?? -1), String(r.soft), String(r.hard)]);
  if (p.noNewPrivileges === true) records.push(['no_new_privs']);
  if (p.cwd !== undefined) records.push(['cwd', p.cwd]);
  for (const e of p.env) records.push(['env', e]);
  for (const a of p.args) records.push(['arg', a]);
  if (p.tty === true) records.push(['tty', String(TTY_ROWS), String(TTY_COLS)]);
  if (p.init === true) records.push(['init']);
  return records;
}

/**
 * How the process joins its cgroup: on v1 it writes itself into each hierarchy's `tasks` file (a
 * single-thread self-migration, ~10 ms cheaper than the monitor writing its pid to cgroup.procs: see
 * native/cgroup-join.c); on v2 the clone lands in the group, cgroup.procs being the fallback.
 */
export function cgroupJoinRecords(cgroup: Cgroup, cgroupMode: 'v1' | 'v2'): HelperRecord[] {
  if (cgroupMode === 'v1') return cgroup.dirs.map((d): HelperRecord => ['cgroup_tasks', `${d}/tasks`]);
  return cgroup.procsFiles.map((f): HelperRecord => ['cgroup_procs', f]);
}

/** Every record of `berth-helper run` for this container. */
export function runRecords(config: ContainerConfig, paths: ContainerPaths, cgroup: Cgroup, cgroupMode: 'v1' | 'v2', mode: AttachMode): HelperRecord[] {
  const memoryDir = cgroupMode === 'v1' ? cgroup.dirs.find((d) => d.includes('/memory/')) : cgroup.dirs[0];
  const oomFile = memoryDir === undefined ? undefined : `${memoryDir}/${cgroupMode === 'v1' ? 'memory.oom_control' : 'memory.events'}`;
  return [
    ['id', config.id],
    ['state_dir', paths.stateDir],
    ['log', paths.log],
    ...namespaceRecords(config),
    ...(cgroupMode === 'v2' && cgroup.dirs[0] !== undefined ? [['cgroup_dir', cgroup.dirs[0]] as HelperRecord] : []),
    ...cgroupJoinRecords(cgroup, cgroupMode),
    ...(oomFile === undefined ? [] : [['oom_file', oomFile] as HelperRecord]),
    ...rootfsRecords(config, paths),
    ...standardMounts(config.shmSize ?? DEFAULT_SHM),
    ...cgroupMounts(cgroupMode),
    ...config.mounts.map(mountRecord),
    ['mount', paths.hosts, '/etc/hosts', '', 'rbind,rprivate', ''],
    ['mount', paths.hostname, '/etc/hostname', '', 'rbind,rprivate', ''],
    ['mount', paths.resolvConf, '/etc/resolv.conf', '', 'rbind,rprivate', ''],
    ...protectedPaths(),
    ...processRecords(config),
    ...(mode.attach ? [['stdin', 'inherit'] as HelperRecord, ['attach'] as HelperRecord] : []),
    ...(mode.syncKeep ? [['sync_keep'] as HelperRecord] : []),
  ];
}

/** The process records of an exec in a running container (same user, caps and rlimit policy). */
export function execProcessRecords(config: ContainerConfig, args: readonly string[], tty: boolean): HelperRecord[] {
  const process = { ...config.process, args, tty, init: false };
  return processRecords({ ...config, hostname: undefined, process });
}
