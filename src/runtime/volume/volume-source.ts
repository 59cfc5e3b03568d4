/**
 * Where a volume's content is on the host, made ready for a container to bind: the `_data` dir; for a
 * tmpfs volume, a tmpfs mounted on `_data` when the first container needs it (shared by every container
 * using it, gone when released, as Docker's local driver does); for a bind volume, its `device` dir.
 * The tmpfs is mounted with util-linux `mount` because sys/ has no general mount(2) binding.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { BerthError } from '../../errors/index.js';
import { detachMount } from '../../sys/netns.js';
import type { StateRoots } from '../state-roots.js';
import { volumeBacking } from './local-driver.js';
import { VOLUME_LABELS } from './volume-name.js';
import { listVolumeRecords, volumePaths, type VolumeRecord } from './volume-record.js';

/** The host directory containers bind for volume `record` (mounting its tmpfs first when needed). */
export function volumeSource(roots: StateRoots, record: VolumeRecord): string {
  const backing = volumeBacking(record.name, record.driver, record.driverOpts);
  const { data } = volumePaths(roots, record.name);
  if (backing.kind === 'bind') {
    if (!isDirectory(backing.device)) {
      throw new BerthError('precondition', 'volume.device-missing', `volume ${record.name}: device directory ${backing.device} does not exist`, {
        hint: `create ${backing.device} on the host, or change driver_opts.device`,
      });
    }
    return backing.device;
  }
  if (backing.kind === 'tmpfs' && !mountPointsUnder(data).includes(data)) {
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', backing.options.join(',') || 'defaults', 'tmpfs', data], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      throw new BerthError('system', 'volume.mount-failed', `volume ${record.name}: cannot mount its tmpfs on ${data}`, {
        hint: 'check the tmpfs options in driver_opts.o', cause: error, details: [String((error as { stderr?: unknown }).stderr ?? '').trim()],
      });
    }
  }
  return data;
}

/** Unmounts what berth mounted for volume `name` (a tmpfs on `_data`); a no-op otherwise. */
export function releaseVolume(roots: StateRoots, name: string): void {
  for (const point of mountPointsUnder(volumePaths(roots, name).dir).reverse()) detachMount(point);
}

/** Releases the volumes (of `project`, or all) no container uses, as Docker unmounts an idle tmpfs volume. */
export function releaseIdleVolumes(roots: StateRoots, inUse: ReadonlyMap<string, readonly string[]>, project?: string): void {
  for (const record of listVolumeRecords(roots)) {
    if (project !== undefined && record.labels[VOLUME_LABELS.project] !== project) continue;
    if ((inUse.get(record.name) ?? []).length === 0) releaseVolume(roots, record.name);
  }
}

/** Every mount point at or under `dir`, shallowest first (from /proc/self/mounts). */
function mountPointsUnder(dir: string): string[] {
  return readFileSync('/proc/self/mounts', 'utf8').split('\n')
    .map((line) => unescapeMountPath(line.split(' ')[1] ?? ''))
    .filter((point) => point === dir || point.startsWith(`${dir}/`))
    .sort((a, b) => a.length - b.length);
}

function unescapeMountPath(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
