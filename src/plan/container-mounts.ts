/**
 * A service's mounts as the runtime's MountSpecs: binds as written, named volumes at their host dirs,
 * anonymous volumes (the service's and the image's VOLUMEs not otherwise mounted) at the dirs the caller
 * made, tmpfs from both `tmpfs:` and `volumes:`, the mounts taken through volumes_from (where the service
 * mounts nothing itself), and secrets and configs bound read-only at their targets
 * (secrets under /run/secrets/). A fact the caller did not supply is a bug of the caller, not of the user.
 */
import { posix } from 'node:path';
import { BerthError } from '../errors/index.js';
import type { MountSpec } from '../runtime/container/index.js';
import type { Service, ServiceVolume } from '../spec/model.js';
import type { ContainerFacts } from './container-facts.js';
import { tmpfsEntryMount } from './tmpfs-entry.js';

type Propagation = 'private' | 'rprivate' | 'slave' | 'rslave' | 'shared' | 'rshared';
const PROPAGATIONS = new Set<string>(['private', 'rprivate', 'slave', 'rslave', 'shared', 'rshared']);

/** Every mount of the service's container, in declaration order. */
export function containerMounts(service: Service, facts: ContainerFacts): MountSpec[] {
  const mounts = (service.volumes ?? []).map((v) => volumeMount(service, v, facts));
  mounts.push(...(service.tmpfs ?? []).map((entry) => tmpfsEntryMount(service.name, entry)));
  const taken = new Set(mounts.map((m) => m.target));
  // As Docker orders them: the service's own mounts, then volumes_from's, then the image's VOLUMEs.
  for (const mount of facts.volumesFrom) {
    if (!taken.has(mount.target)) mounts.push(mount);
    taken.add(mount.target);
  }
  for (const target of facts.image.volumes ?? []) {
    if (!taken.has(target)) mounts.push({ type: 'bind', source: fact(facts.anonymousVolumeDirs, target, `anonymous volume ${target}`), target });
  }
  for (const [kind, refs] of [['secrets', service.secrets], ['configs', service.configs]] as const) {
    for (const ref of refs ?? []) {
      const target = posix.isAbsolute(ref.target) ? ref.target : kind === 'secrets' ? `/run/secrets/${ref.target}` : `/${ref.target}`;
      mounts.push({ type: 'bind', source: fact(facts.fileSources, `${kind}:${ref.source}`, `${kind} ${ref.source}`), target, readOnly: true });
    }
  }
  return mounts;
}

function volumeMount(service: Service, v: ServiceVolume, facts: ContainerFacts): MountSpec {
  const readOnly = v.read_only === true ? { readOnly: true } : {};
  if (v.type === 'tmpfs') {
    // Docker mounts these noexec, nosuid and nodev; the long syntax has no option to change that.
    const mount: MountSpec & { type: 'tmpfs' } = { type: 'tmpfs', target: v.target, noexec: true, ...readOnly };
    if (v.tmpfs?.size !== undefined) mount.size = v.tmpfs.size;
    if (v.tmpfs?.mode !== undefined) mount.mode = v.tmpfs.mode;
    return mount;
  }
  if (v.type === 'bind' && v.source !== undefined) {
    const propagation = v.bind?.propagation;
    return { type: 'bind', source: v.source, target: v.target, ...readOnly, ...(propagation !== undefined && PROPAGATIONS.has(propagation) ? { propagation: propagation as Propagation } : {}) };
  }
  if (v.type === 'volume') {
    const key = v.source === undefined ? undefined : v.volume?.subpath === undefined ? v.source : volumeDirKey(v.source, v.volume.subpath);
    const source = key === undefined ? fact(facts.anonymousVolumeDirs, v.target, `anonymous volume ${v.target}`) : fact(facts.volumeDirs, key, `volume ${key}`);
    return { type: 'bind', source, target: v.target, ...readOnly };
  }
  throw new BerthError('invalid', 'service.mount-unsupported', `service ${service.name} mounts ${v.target} with type ${v.type}, which berth does not support`, {
    hint: 'use a bind mount, a named volume or a tmpfs',
  });
}

/** The key of a named volume's host dir in ContainerFacts.volumeDirs: the volume's key, or `key:subpath` for a subpath mount. */
export function volumeDirKey(key: string, subpath: string): string {
  return `${key}:${subpath}`;
}

function fact(record: Readonly<Record<string, string>>, key: string, what: string): string {
  const value = record[key];
  if (value === undefined) throw new BerthError('internal', 'plan.missing-fact', `no host directory was given for ${what}`, { hint: 'this is a bug in berth: report it with the compose file' });
  return value;
}
