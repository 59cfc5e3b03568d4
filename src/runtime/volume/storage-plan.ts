/**
 * storagePlan(): a container's storage request checked and made explicit, before anything exists: every
 * target absolute and unique, anonymous volumes named and labelled, image VOLUMEs added, defaults filled in
 * (bind propagation rprivate, secret mode 0400 at /run/secrets/<name>, config mode 0444 at /<name>),
 * environment sources read from the given env. Mounts are ordered parents first. Pure.
 */
import { isAbsolute, posix } from 'node:path';
import { BerthError } from '../../errors/index.js';
import { planFile, type PlannedFile } from './file-plan.js';
import type { BindMountRequest, MountRequest, StorageRequest, TmpfsMountRequest, VolumeMountRequest } from './storage-request.js';
import { parseSize, parseTmpfsEntry, type TmpfsMount } from './tmpfs-options.js';
import { anonymousVolumeName, VOLUME_LABELS } from './volume-name.js';
import type { VolumeSpec } from './volume-store.js';

/** Mount propagation of a bind, as mount(8) names it. */
export type Propagation = 'private' | 'rprivate' | 'slave' | 'rslave' | 'shared' | 'rshared';

/** One mount to make, with everything decided. */
export type PlannedMount =
  | { kind: 'bind'; source: string; target: string; readOnly: boolean; propagation: Propagation; createHostPath: boolean }
  | { kind: 'volume'; volume: VolumeSpec; anonymous: boolean; target: string; readOnly: boolean; copyUp: boolean; subpath?: string | undefined }
  | { kind: 'tmpfs'; mount: TmpfsMount }
  | PlannedFile;

/** The checked storage of one container. */
export interface StoragePlan {
  containerId: string;
  owner: string;
  mounts: PlannedMount[];
}

const PROPAGATIONS = new Set<string>(['private', 'rprivate', 'slave', 'rslave', 'shared', 'rshared']);

/** The plan of `request`; throws a BerthError naming the owner and mount for anything wrong. */
export function storagePlan(request: StorageRequest): StoragePlan {
  const mounts: PlannedMount[] = request.mounts.map((m) => planMount(request, m));
  for (const entry of request.tmpfs ?? []) {
    const mount = parseTmpfsEntry(entry, request.owner);
    mounts.push({ kind: 'tmpfs', mount: { ...mount, target: cleanTarget(mount.target, `${request.owner} tmpfs`) } });
  }
  const taken = new Set(mounts.map(targetOf));
  for (const path of request.imageVolumes ?? []) {
    const target = cleanTarget(path, `${request.owner} image volume`);
    if (!taken.has(target)) mounts.push(planVolume(request, { type: 'volume', target }));
    taken.add(target);
  }
  mounts.push(...(request.files ?? []).map((file) => planFile(file, request.env ?? {})));
  checkUnique(request.owner, mounts);
  return { containerId: request.containerId, owner: request.owner, mounts: sortParentsFirst(mounts) };
}

/** The container path a planned mount is made at. */
export function targetOf(mount: PlannedMount): string {
  return mount.kind === 'tmpfs' ? mount.mount.target : mount.target;
}

function planMount(request: StorageRequest, m: MountRequest): PlannedMount {
  if (m.type === 'bind') return planBind(request.owner, m);
  if (m.type === 'tmpfs') return planTmpfs(request.owner, m);
  return planVolume(request, m);
}

function planBind(owner: string, m: BindMountRequest): PlannedMount {
  const target = cleanTarget(m.target, `${owner} bind mount`);
  const what = `${owner} bind mount ${target}`;
  if (!isAbsolute(m.source)) {
    throw new BerthError('invalid', 'mount.relative-source', `${what}: source ${m.source} is not an absolute path`, { hint: 'write the host path in full, or relative to the project directory starting with ./' });
  }
  const propagation = m.propagation ?? 'rprivate';
  if (!PROPAGATIONS.has(propagation)) {
    throw new BerthError('invalid', 'mount.invalid-propagation', `${what}: propagation ${propagation} is not valid`, { hint: 'use private, rprivate, slave, rslave, shared or rshared' });
  }
  checkRecursive(what, m.recursive);
  return { kind: 'bind', source: posix.normalize(m.source), target, readOnly: m.readOnly === true, propagation: propagation as Propagation, createHostPath: m.createHostPath === true };
}

// The runtime binds recursively and makes only the top mount read-only: that is `enabled` without `ro`
// and `writable` in either case; `disabled` and `readonly` need mount flags ContainerConfig cannot express.
function checkRecursive(what: string, recursive: string | undefined): void {
  if (recursive === undefined || recursive === 'enabled' || recursive === 'writable') return;
  if (recursive === 'disabled' || recursive === 'readonly') {
    throw new BerthError('invalid', 'mount.recursive-unsupported', `${what}: bind.recursive ${recursive} is not supported yet`, { hint: 'leave bind.recursive out (enabled) or set it to writable' });
  }
  throw new BerthError('invalid', 'mount.invalid-recursive', `${what}: bind.recursive ${recursive} is not valid`, { hint: 'use enabled, writable, readonly or disabled' });
}

function planTmpfs(owner: string, m: TmpfsMountRequest): PlannedMount {
  const target = cleanTarget(m.target, `${owner} tmpfs`);
  const mount: TmpfsMount = { target, readOnly: m.readOnly === true };
  if (m.size !== undefined) mount.size = parseSize(m.size, `${owner} tmpfs ${target}`);
  if (m.mode !== undefined) mount.mode = m.mode & 0o7777;
  return { kind: 'tmpfs', mount };
}

function planVolume(request: StorageRequest, m: VolumeMountRequest): PlannedMount {
  const target = cleanTarget(m.target, `${request.owner} volume`);
  if (m.subpath !== undefined) checkSubpath(`${request.owner} volume ${target}`, m.subpath);
  const volume = m.volume ?? anonymousSpec(request, target);
  return {
    kind: 'volume', volume, anonymous: m.volume === undefined, target, readOnly: m.readOnly === true,
    copyUp: m.nocopy !== true && m.subpath === undefined, ...(m.subpath === undefined ? {} : { subpath: m.subpath }),
  };
}

function anonymousSpec(request: StorageRequest, target: string): VolumeSpec {
  const labels = { [VOLUME_LABELS.anonymous]: '', [VOLUME_LABELS.container]: request.containerName, [VOLUME_LABELS.target]: target };
  return { name: anonymousVolumeName(request.containerName, target), labels, project: request.project };
}

function checkSubpath(what: string, subpath: string): void {
  if (subpath === '' || isAbsolute(subpath) || subpath.split('/').includes('..')) {
    throw new BerthError('invalid', 'mount.invalid-subpath', `${what}: subpath ${JSON.stringify(subpath)} must be a relative path inside the volume`, { hint: 'write a path like data/app, without .. or a leading /' });
  }
}

/** `path` as an absolute, normalised container path (no trailing slash). */
export function cleanTarget(path: string, what: string): string {
  if (!isAbsolute(path)) {
    throw new BerthError('invalid', 'mount.relative-target', `${what} ${path}: the target must be an absolute path`, { hint: 'write the path inside the container starting with /' });
  }
  const clean = posix.normalize(path);
  return clean.length > 1 && clean.endsWith('/') ? clean.slice(0, -1) : clean;
}

function checkUnique(owner: string, mounts: readonly PlannedMount[]): void {
  const seen = new Set<string>();
  for (const target of mounts.map(targetOf)) {
    if (seen.has(target)) {
      throw new BerthError('invalid', 'mount.duplicate-target', `${owner} mounts two things at ${target}`, { hint: 'keep one mount per target path' });
    }
    seen.add(target);
  }
}

function sortParentsFirst(mounts: PlannedMount[]): PlannedMount[] {
  const depth = (m: PlannedMount): number => targetOf(m).split('/').filter((c) => c !== '').length;
  return mounts.map((m, i) => ({ m, i })).sort((a, b) => depth(a.m) - depth(b.m) || a.i - b.i).map(({ m }) => m);
}
