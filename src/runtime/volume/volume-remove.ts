/**
 * Removing a volume by name (for `rm -v`, `down -v` and a failed create). A volume in use is refused with
 * a conflict error naming the container; who uses what comes in as an argument (volumesInUse() computes
 * it from the containers on disk).
 */
import { rmSync } from 'node:fs';
import { BerthError } from '../../errors/index.js';
import { withQueuedLock } from '../state/atomic-file.js';
import { observe } from '../state/observe.js';
import type { StateRoots } from '../state-roots.js';
import { volumeBacking } from './local-driver.js';
import { checkVolumeName, VOLUME_LABELS } from './volume-name.js';
import { listVolumeRecords, readVolumeRecord, volumePaths, type VolumeRecord } from './volume-record.js';
import { releaseVolume } from './volume-source.js';

/** Volume name → the names of the containers (of any status) that mount it. */
export type VolumeUsers = ReadonlyMap<string, readonly string[]>;

const LOCK_WAIT_MS = 10_000;

/** Removes volume `name`; returns whether it existed. A missing one is an error unless `missingOk`. */
export async function removeVolume(roots: StateRoots, name: string, inUse: VolumeUsers, options: { missingOk?: boolean } = {}): Promise<boolean> {
  checkVolumeName(name);
  const paths = volumePaths(roots, name);
  return withQueuedLock(paths.lock, () => {
    const record = readVolumeRecord(roots, name);
    if (record === undefined && options.missingOk !== true) {
      throw new BerthError('not-found', 'volume.not-found', `volume ${name} does not exist`, { hint: 'list the volumes to see their names' });
    }
    refuseInUse(name, inUse);
    releaseVolume(roots, name);
    rmSync(paths.data, { recursive: true, force: true });
    rmSync(paths.dir, { recursive: true, force: true });
    return record !== undefined;
  }, { waitMs: LOCK_WAIT_MS });
}

/** Which containers under `roots` mount each volume (by the host paths their bind mounts use). */
export function volumesInUse(roots: StateRoots): Map<string, string[]> {
  const users = new Map<string, string[]>();
  const records = listVolumeRecords(roots);
  for (const container of observe(roots)) {
    for (const mount of container.record.config.mounts) {
      if (mount.type !== 'bind') continue;
      const volume = records.find((r) => hostDirsOf(roots, r).some((dir) => mount.source === dir || mount.source.startsWith(`${dir}/`)));
      if (volume === undefined) continue;
      const names = users.get(volume.name) ?? [];
      if (!names.includes(container.name)) users.set(volume.name, [...names, container.name]);
    }
  }
  return users;
}

/** Whether `record` is an anonymous volume. */
export function isAnonymous(record: VolumeRecord): boolean {
  return VOLUME_LABELS.anonymous in record.labels;
}

function refuseInUse(name: string, inUse: VolumeUsers): void {
  const users = inUse.get(name) ?? [];
  if (users.length === 0) return;
  throw new BerthError('conflict', 'volume.in-use', `volume ${name} is in use by container ${users.join(', ')}`, {
    hint: `remove the container${users.length > 1 ? 's' : ''} first (berth rm or berth down), then remove the volume`,
  });
}

function hostDirsOf(roots: StateRoots, record: VolumeRecord): string[] {
  const backing = volumeBacking(record.name, record.driver, record.driverOpts);
  return backing.kind === 'bind' ? [volumePaths(roots, record.name).data, backing.device] : [volumePaths(roots, record.name).data];
}
