/**
 * Service mounts in long form. Short syntax `source:target[:options]`: a source that looks like a path
 * (`./`, `../`, `/`, `~`) is a bind mount made absolute against the project directory; anything else is a
 * named volume; a lone target is an anonymous volume. Options `ro`/`rw`, `z`/`Z`, `nocopy`, propagation
 * and consistency modes are recognised; anything else is an error naming the option.
 */
import { formatPath, type ModelPath } from './locator.js';
import { invalidAt, toBool, toBytes, toNumber, toText, type CanonicalContext } from './canonical-context.js';
import type { ServiceVolume } from './model.js';
import { absolutePath, isHostPath } from './paths.js';
import { isMap, isSeq, type Tree, type TreeMap } from './tree.js';

const PROPAGATION = ['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate'];
const CONSISTENCY = ['consistent', 'cached', 'delegated'];
const TYPES = ['bind', 'volume', 'tmpfs', 'image', 'npipe', 'cluster'];

/** The long form of a service's `volumes` list. */
export function canonicalVolumes(ctx: CanonicalContext, value: Tree, path: ModelPath): ServiceVolume[] {
  if (!isSeq(value)) return [];
  return value.map((item, i) => (isMap(item) ? longVolume(ctx, item, [...path, i]) : shortVolume(ctx, toText(item), [...path, i])));
}

function shortVolume(ctx: CanonicalContext, text: string, path: ModelPath): ServiceVolume {
  const parts = text.split(':');
  if (parts.length === 1) return { type: 'volume', target: checkTarget(ctx, parts[0]!, path, text) };
  if (parts.length > 3 || parts[0] === '') throw volumeError(ctx, path, text, 'expected source:target[:options]');
  const [source, target, options = ''] = parts as [string, string, string?];
  const bind = isHostPath(source);
  const volume: ServiceVolume = bind
    ? { type: 'bind', source: absolutePath(source, ctx.projectDir, ctx.home), target: checkTarget(ctx, target, path, text), bind: { create_host_path: true } }
    : { type: 'volume', source, target: checkTarget(ctx, target, path, text) };
  for (const option of options.split(',').filter((o) => o !== '')) applyOption(ctx, volume, option, path, text);
  return volume;
}

function applyOption(ctx: CanonicalContext, volume: ServiceVolume, option: string, path: ModelPath, text: string): void {
  if (option === 'ro' || option === 'rw') {
    if (option === 'ro') volume.read_only = true;
  } else if (option === 'z' || option === 'Z') {
    volume.bind = { ...volume.bind, selinux: option };
  } else if (option === 'nocopy' && volume.type === 'volume') {
    volume.volume = { nocopy: true };
  } else if (PROPAGATION.includes(option) && volume.type === 'bind') {
    volume.bind = { ...volume.bind, propagation: option };
  } else if (CONSISTENCY.includes(option)) {
    volume.consistency = option;
  } else {
    throw volumeError(ctx, path, text, `unknown option "${option}" for a ${volume.type} mount`);
  }
}

function longVolume(ctx: CanonicalContext, item: TreeMap, path: ModelPath): ServiceVolume {
  const type = toText(item['type'] ?? 'volume');
  if (!TYPES.includes(type)) throw volumeError(ctx, [...path, 'type'], type, `type must be one of ${TYPES.join(', ')}`);
  const target = checkTarget(ctx, toText(item['target'] ?? ''), [...path, 'target'], toText(item['target'] ?? ''));
  const volume: ServiceVolume = { type: type as ServiceVolume['type'], target };
  const source = item['source'];
  if (source !== undefined && source !== null && source !== '') volume.source = type === 'bind' ? absolutePath(toText(source), ctx.projectDir, ctx.home) : toText(source);
  if (item['read_only'] !== undefined) volume.read_only = toBool(ctx, item['read_only'], [...path, 'read_only']);
  if (item['consistency'] !== undefined) volume.consistency = toText(item['consistency']);
  const bind = item['bind'];
  if (isMap(bind)) volume.bind = longBind(ctx, bind, [...path, 'bind']);
  else if (type === 'bind') volume.bind = { create_host_path: true };
  if (isMap(item['volume'])) volume.volume = longVolumeOptions(ctx, item['volume'], [...path, 'volume']);
  if (isMap(item['tmpfs'])) volume.tmpfs = tmpfsOptions(ctx, item['tmpfs'], [...path, 'tmpfs']);
  if (isMap(item['image']) && item['image']['subpath'] !== undefined) volume.image = { subpath: toText(item['image']['subpath']) };
  return volume;
}

function longBind(ctx: CanonicalContext, bind: TreeMap, path: ModelPath): NonNullable<ServiceVolume['bind']> {
  const out: NonNullable<ServiceVolume['bind']> = {};
  if (bind['propagation'] !== undefined) out.propagation = toText(bind['propagation']);
  out.create_host_path = bind['create_host_path'] === undefined ? true : toBool(ctx, bind['create_host_path'], [...path, 'create_host_path']);
  if (bind['selinux'] !== undefined) out.selinux = toText(bind['selinux']);
  if (bind['recursive'] !== undefined) out.recursive = toText(bind['recursive']);
  return out;
}

function longVolumeOptions(ctx: CanonicalContext, options: TreeMap, path: ModelPath): NonNullable<ServiceVolume['volume']> {
  const out: NonNullable<ServiceVolume['volume']> = {};
  if (options['nocopy'] !== undefined) out.nocopy = toBool(ctx, options['nocopy'], [...path, 'nocopy']);
  if (options['subpath'] !== undefined) out.subpath = toText(options['subpath']);
  return out;
}

function tmpfsOptions(ctx: CanonicalContext, options: TreeMap, path: ModelPath): NonNullable<ServiceVolume['tmpfs']> {
  const out: NonNullable<ServiceVolume['tmpfs']> = {};
  if (options['size'] !== undefined) out.size = toBytes(ctx, options['size'], [...path, 'size']);
  const mode = options['mode'];
  if (mode !== undefined) out.mode = typeof mode === 'string' && /^0[0-7]+$/.test(mode) ? parseInt(mode, 8) : toNumber(ctx, mode, [...path, 'mode']);
  return out;
}

function checkTarget(ctx: CanonicalContext, target: string, path: ModelPath, text: string): string {
  if (target.startsWith('/')) return target;
  throw volumeError(ctx, path, text, `the container path "${target}" is not absolute`);
}

function volumeError(ctx: CanonicalContext, path: ModelPath, text: string, reason: string) {
  return invalidAt(ctx, path, 'spec.invalid-volume', `invalid volume "${text}" in ${formatPath(path)}: ${reason}`, 'write source:target[:ro], e.g. "./data:/data", "dbdata:/var/lib/postgresql/data:ro" or "/cache"');
}
