/**
 * `berth volume create|ls|inspect|rm|prune`: the volume store outside any project, as `docker volume`
 * offers it, so a volume a project declares `external: true` can be made, seen and removed. A volume that
 * a container mounts (of any status) is never removed. Returns data; never prints.
 */
import { randomBytes } from 'node:crypto';
import { BerthError, type BerthWarning } from '../errors/index.js';
import { stateRoots } from '../runtime/state-roots.js';
import {
  ensureVolume, inspectVolume, isAnonymous, listVolumes, removeVolume, VOLUME_LABELS, volumePaths, volumesInUse, type VolumeRecord,
} from '../runtime/volume/index.js';

/** A volume as `docker volume inspect` shows it. */
export interface VolumeView {
  Name: string;
  Driver: string;
  Mountpoint: string;
  Labels: Record<string, string>;
  Options: Record<string, string>;
  Scope: 'local';
  CreatedAt: string;
}

/** What `volume create` takes. */
export interface VolumeCreateOptions {
  driver: string | undefined;
  labels: readonly string[];
  opts: readonly string[];
}

/** Creates volume `name` (an anonymous one when absent), or finds it when it exists; returns its name and any warnings. */
export async function createVolume(name: string | undefined, options: VolumeCreateOptions): Promise<{ name: string; warnings: BerthWarning[] }> {
  const chosen = name ?? randomBytes(32).toString('hex');
  // Unnamed, it is anonymous, as Docker makes it: `volume prune` without -a removes it.
  const labels = { ...keyValues(options.labels, '--label'), ...(name === undefined ? { [VOLUME_LABELS.anonymous]: '' } : {}) };
  const ensured = await ensureVolume(stateRoots(), { name: chosen, driver: options.driver, driverOpts: keyValues(options.opts, '--opt'), labels });
  return { name: chosen, warnings: ensured.warnings };
}

/** Every volume, by name. */
export function listAllVolumes(): VolumeView[] {
  const roots = stateRoots();
  return listVolumes(roots).map((r) => viewOf(r, volumePaths(roots, r.name).data)).sort((a, b) => a.Name.localeCompare(b.Name));
}

/** The views of volumes `names`; a not-found error names the first missing one. */
export function inspectVolumes(names: readonly string[]): VolumeView[] {
  const roots = stateRoots();
  return names.map((name) => viewOf(inspectVolume(roots, name), volumePaths(roots, name).data));
}

/** Removes volume `name` unless a container mounts it (the error names them); false when it did not exist and `force` allowed that. */
export async function removeVolumeNamed(name: string, force: boolean): Promise<boolean> {
  const roots = stateRoots();
  return removeVolume(roots, name, volumesInUse(roots), { missingOk: force });
}

/** Removes the volumes no container uses: anonymous ones only, every one with `all` (Docker's `volume prune [-a]`). Returns the removed names. */
export async function pruneVolumes(all: boolean): Promise<string[]> {
  const roots = stateRoots();
  const inUse = volumesInUse(roots);
  const unused = listVolumes(roots).filter((r) => (inUse.get(r.name) ?? []).length === 0 && (all || isAnonymous(r)));
  const removed: string[] = [];
  for (const record of unused) {
    if (await removeVolume(roots, record.name, inUse, { missingOk: true })) removed.push(record.name);
  }
  return removed;
}

function viewOf(record: VolumeRecord, mountpoint: string): VolumeView {
  return { Name: record.name, Driver: record.driver, Mountpoint: mountpoint, Labels: record.labels, Options: record.driverOpts, Scope: 'local', CreatedAt: record.createdAt };
}

/** `k=v` strings as a record (a bare `k` is `k=`), as Docker reads --label and --opt. */
export function keyValues(items: readonly string[], flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const [key = '', value = ''] = item.split(/=(.*)/s);
    if (key === '') throw new BerthError('invalid', 'volume.bad-option', `${flag} ${JSON.stringify(item)} has no key`, { hint: `write ${flag} key=value` });
    out[key] = value;
  }
  return out;
}
