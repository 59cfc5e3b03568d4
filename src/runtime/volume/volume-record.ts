/**
 * A volume on disk: BERTH_ROOT/volumes/<name>/ holds `_data` (the content containers see) and
 * `volume.json` (the record). The record is written last on create and the data removed first on remove,
 * so a directory without a record is a half-made or half-removed volume that create and remove both finish.
 * Writers hold the volume's lock (BERTH_RUN/locks/volumes/<name>.lock).
 */
import { readdirSync } from 'node:fs';
import { readJson, writeJsonAtomic } from '../state/atomic-file.js';
import { statePath, type StateRoots } from '../state-roots.js';

/** What berth knows of a volume. */
export interface VolumeRecord {
  v: 1;
  name: string;
  driver: 'local';
  driverOpts: Record<string, string>;
  labels: Record<string, string>;
  createdAt: string;
}

/** Where one volume's files live. */
export interface VolumePaths {
  dir: string;
  data: string;
  record: string;
  lock: string;
}

/** The directory holding every volume. */
function volumesDir(roots: StateRoots): string {
  return statePath(roots, 'root', 'volumes');
}

/** The paths of volume `name` (a valid name: one path component). */
export function volumePaths(roots: StateRoots, name: string): VolumePaths {
  const dir = statePath(roots, 'root', 'volumes', name);
  return { dir, data: `${dir}/_data`, record: `${dir}/volume.json`, lock: statePath(roots, 'run', 'locks', 'volumes', `${name}.lock`) };
}

/** The record of volume `name`, or undefined when there is none. */
export function readVolumeRecord(roots: StateRoots, name: string): VolumeRecord | undefined {
  return readJson<VolumeRecord>(volumePaths(roots, name).record);
}

/** Writes the record of a volume atomically. */
export function writeVolumeRecord(roots: StateRoots, record: VolumeRecord): void {
  writeJsonAtomic(volumePaths(roots, record.name).record, record);
}

/** Every volume with a record, sorted by name. */
export function listVolumeRecords(roots: StateRoots): VolumeRecord[] {
  let names: string[];
  try {
    names = readdirSync(volumesDir(roots));
  } catch {
    return [];
  }
  return names.sort().map((n) => readVolumeRecord(roots, n)).filter((r): r is VolumeRecord => r !== undefined);
}
