/**
 * prepareStorage(): makes a StoragePlan real and returns the runtime's mount list. Every check that needs
 * no change (bind sources, secret and config files, external volumes, driver options) runs first, so a bad
 * mount fails before anything is created; then host paths, volumes (populated from the image on first
 * use), subpaths and files are made. On failure the volumes and files this call made are removed again.
 */
import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { BerthError, type BerthWarning } from '../../errors/index.js';
import type { MountSpec } from '../container/container-config.js';
import { withQueuedLock } from '../state/atomic-file.js';
import type { StateRoots } from '../state-roots.js';
import { checkFileSource, removeContainerFiles, writeContainerFile } from './container-files.js';
import { populateVolume } from './copy-up.js';
import { volumeBacking } from './local-driver.js';
import type { PlannedMount, StoragePlan } from './storage-plan.js';
import { checkVolumeName } from './volume-name.js';
import { volumePaths } from './volume-record.js';
import { removeVolume, volumesInUse } from './volume-remove.js';
import { volumeSource } from './volume-source.js';
import { ensureVolume, requireExternalVolume } from './volume-store.js';

/** The made storage of one container. */
export interface PreparedStorage {
  /** The mounts for ContainerConfig.mounts, parents first. */
  mounts: MountSpec[];
  /** Every volume the container mounts, and those this call created. */
  volumes: string[];
  createdVolumes: string[];
  warnings: BerthWarning[];
}

type VolumeMount = Extract<PlannedMount, { kind: 'volume' }>;

/** Makes the storage of `plan`; `lowers` are the image's layer dirs (top first), read for copy-up. */
export async function prepareStorage(roots: StateRoots, plan: StoragePlan, lowers: readonly string[]): Promise<PreparedStorage> {
  preflight(roots, plan);
  const prepared: PreparedStorage = { mounts: [], volumes: [], createdVolumes: [], warnings: [] };
  try {
    for (const mount of plan.mounts) prepared.mounts.push(await makeMount(roots, plan, mount, lowers, prepared));
    return prepared;
  } catch (error) {
    const inUse = volumesInUse(roots);
    for (const name of prepared.createdVolumes) if (!inUse.has(name)) await removeVolume(roots, name, inUse, { missingOk: true });
    removeContainerFiles(roots, plan.containerId);
    throw error;
  }
}

function preflight(roots: StateRoots, plan: StoragePlan): void {
  for (const mount of plan.mounts) {
    if (mount.kind === 'bind' && !mount.createHostPath && !existsSync(mount.source)) {
      throw new BerthError('not-found', 'mount.source-missing', `${plan.owner} bind mount ${mount.target}: source ${mount.source} does not exist`, {
        hint: `create ${mount.source}, or set bind.create_host_path: true to let berth create it`,
      });
    }
    if (mount.kind === 'file') checkFileSource(mount);
    if (mount.kind === 'volume') {
      if (mount.volume.external === true) requireExternalVolume(roots, mount.volume.name);
      checkVolumeName(mount.volume.name);
      volumeBacking(mount.volume.name, mount.volume.driver, mount.volume.driverOpts ?? {});
    }
  }
}

async function makeMount(roots: StateRoots, plan: StoragePlan, mount: PlannedMount, lowers: readonly string[], out: PreparedStorage): Promise<MountSpec> {
  switch (mount.kind) {
    case 'bind':
      if (mount.createHostPath) mkdirSync(mount.source, { recursive: true });
      return { type: 'bind', source: mount.source, target: mount.target, ...(mount.readOnly ? { readOnly: true } : {}), propagation: mount.propagation };
    case 'tmpfs': {
      const { target, size, mode, readOnly } = mount.mount;
      return { type: 'tmpfs', target, ...(size === undefined ? {} : { size }), ...(mode === undefined ? {} : { mode }), ...(readOnly === true ? { readOnly } : {}) };
    }
    case 'file':
      return { type: 'bind', source: writeContainerFile(roots, plan.containerId, mount), target: mount.target, readOnly: true };
    case 'volume':
      return volumeMount(roots, plan, mount, lowers, out);
  }
}

async function volumeMount(roots: StateRoots, plan: StoragePlan, mount: VolumeMount, lowers: readonly string[], out: PreparedStorage): Promise<MountSpec> {
  const ensured = await ensureVolume(roots, mount.volume);
  const { record } = ensured;
  out.warnings.push(...ensured.warnings);
  if (ensured.created) out.createdVolumes.push(record.name);
  if (!out.volumes.includes(record.name)) out.volumes.push(record.name);
  const source = volumeSource(roots, record);
  if (mount.copyUp) await withQueuedLock(volumePaths(roots, record.name).lock, () => populateVolume(lowers, mount.target, source), { waitMs: 10_000 });
  const backing = volumeBacking(record.name, record.driver, record.driverOpts);
  const readOnly = mount.readOnly || (backing.kind === 'bind' && backing.readOnly);
  const path = mount.subpath === undefined ? source : subpathSource(`${plan.owner} volume ${mount.target}`, record.name, source, mount.subpath);
  return { type: 'bind', source: path, target: mount.target, ...(readOnly ? { readOnly: true } : {}) };
}

/** The host path of `subpath` inside a volume, which must exist and stay inside it after symlinks. */
function subpathSource(what: string, volume: string, source: string, subpath: string): string {
  let real: string;
  try {
    real = realpathSync(`${source}/${subpath}`);
  } catch {
    throw new BerthError('not-found', 'mount.subpath-missing', `${what}: subpath ${subpath} does not exist in volume ${volume}`, {
      hint: `create ${subpath} inside volume ${volume} first`,
    });
  }
  const root = realpathSync(source);
  if (real !== root && !real.startsWith(`${root}/`)) {
    throw new BerthError('invalid', 'mount.subpath-escapes', `${what}: subpath ${subpath} leads outside volume ${volume}`, { hint: 'point subpath at a directory inside the volume' });
  }
  return real;
}
