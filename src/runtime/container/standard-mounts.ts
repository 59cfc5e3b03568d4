/**
 * Docker's standard container filesystem as helper records: /proc, a tmpfs /dev with the standard nodes
 * and links, /dev/pts (newinstance), /dev/shm, /dev/mqueue, a read-only /sys and /sys/fs/cgroup, then
 * Docker's masked and read-only paths. Every standard target refuses symlinks (`nosymlinks`), so an
 * image whose /proc or /dev/null is a symlink cannot redirect a mount.
 */
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import type { HelperRecord } from '../../sys/helper-records.js';

const DEVICES: ReadonlyArray<[string, number, number]> = [
  ['null', 1, 3], ['zero', 1, 5], ['full', 1, 7], ['random', 1, 8], ['urandom', 1, 9], ['tty', 5, 0],
];

const DEV_LINKS: ReadonlyArray<[string, string]> = [
  ['/proc/self/fd', '/dev/fd'], ['/proc/self/fd/0', '/dev/stdin'], ['/proc/self/fd/1', '/dev/stdout'],
  ['/proc/self/fd/2', '/dev/stderr'], ['pts/ptmx', '/dev/ptmx'], ['/proc/kcore', '/dev/core'],
];

/** Docker's masked paths. */
export const MASKED_PATHS: readonly string[] = [
  '/proc/asound', '/proc/acpi', '/proc/kcore', '/proc/keys', '/proc/latency_stats', '/proc/timer_list',
  '/proc/timer_stats', '/proc/sched_debug', '/proc/scsi', '/sys/firmware', '/sys/devices/virtual/powercap',
];

/** Docker's read-only paths. */
export const READONLY_PATHS: readonly string[] = ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'];

const STD = 'nosuid,nodev,noexec,nosymlinks';

// The host's cgroup layout, read once per process: it does not change while berth runs, and reading
// /proc/self/mounts on every start is work on the start path.
const v1Layouts = new Map<string, HelperRecord[]>();

/** The cgroup mounts for the container's /sys/fs/cgroup, mirroring the host's v1 or v2 layout, read-only. */
export function cgroupMounts(mode: 'v1' | 'v2', mountRoot = '/sys/fs/cgroup'): HelperRecord[] {
  if (mode === 'v2') return [['mount', 'cgroup2', '/sys/fs/cgroup', 'cgroup2', `ro,${STD}`, '']];
  let records = v1Layouts.get(mountRoot);
  if (records === undefined) v1Layouts.set(mountRoot, (records = v1CgroupMounts(mountRoot)));
  return records;
}

function v1CgroupMounts(mountRoot: string): HelperRecord[] {
  const records: HelperRecord[] = [['mount', 'tmpfs', '/sys/fs/cgroup', 'tmpfs', STD, 'mode=755']];
  const mounts = readFileSync('/proc/self/mounts', 'utf8').split('\n').map((l) => l.split(' '));
  for (const [, point, type, options] of mounts) {
    if (point === undefined || !point.startsWith(`${mountRoot}/`) || (type !== 'cgroup' && type !== 'cgroup2')) continue;
    const dir = point.slice(mountRoot.length + 1);
    if (dir.includes('/')) continue;
    const data = type === 'cgroup2' ? '' : (options ?? '').split(',').filter((o) => !/^(rw|ro|nosuid|nodev|noexec|relatime|clone_children|xattr|release_agent=.*)$/.test(o)).join(',');
    records.push(['mount', type, `/sys/fs/cgroup/${dir}`, type, `ro,${STD}`, data]);
  }
  for (const entry of readdirSync(mountRoot, { withFileTypes: true })) {
    if (entry.isSymbolicLink()) records.push(['symlink', readlinkSync(`${mountRoot}/${entry.name}`), `/sys/fs/cgroup/${entry.name}`]);
  }
  records.push(['mount', '', '/sys/fs/cgroup', '', `remount,ro,${STD}`, 'mode=755']);
  return records;
}

/** /proc, /dev and its nodes, /dev/pts, /dev/shm, /dev/mqueue, /sys. */
export function standardMounts(shmSize: number): HelperRecord[] {
  return [
    ['mount', 'proc', '/proc', 'proc', STD, ''],
    ['mount', 'tmpfs', '/dev', 'tmpfs', 'nosuid,strictatime,nosymlinks', 'mode=755,size=65536k'],
    ...DEVICES.map(([name, major, minor]): HelperRecord => ['mknod', `/dev/${name}`, 'c', String(major), String(minor), '666']),
    ...DEV_LINKS.map(([target, path]): HelperRecord => ['symlink', target, path]),
    ['mount', 'devpts', '/dev/pts', 'devpts', 'nosuid,noexec,nosymlinks', 'newinstance,ptmxmode=0666,mode=0620,gid=5'],
    ['mount', 'shm', '/dev/shm', 'tmpfs', STD, `mode=1777,size=${shmSize}`],
    ['mount', 'mqueue', '/dev/mqueue', 'mqueue', STD, ''],
    ['mount', 'sysfs', '/sys', 'sysfs', `ro,${STD}`, ''],
  ];
}

/** Masks and read-only remounts, applied after every other mount. */
export function protectedPaths(): HelperRecord[] {
  return [...MASKED_PATHS.map((p): HelperRecord => ['mask', p]), ...READONLY_PATHS.map((p): HelperRecord => ['readonly', p])];
}
