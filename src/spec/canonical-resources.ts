/**
 * Top-level networks, volumes, secrets and configs in canonical form: each gets its real name (the explicit
 * `name:`, the key for external resources, else `<project>_<key>`), legacy `external: {name}` is unfolded,
 * file paths are absolute, and the implicit `default` network appears when a service uses it.
 */
import { toBool, toText, toTextMap, type CanonicalContext } from './canonical-context.js';
import { toJson } from './canonical-service-parts.js';
import type { FileObject, Network, Service, Volume } from './model.js';
import { absolutePath } from './paths.js';
import { isMap, type Tree, type TreeMap } from './tree.js';

type Kind = 'networks' | 'volumes' | 'secrets' | 'configs';

const BOOLEANS = new Set(['external', 'internal', 'attachable', 'enable_ipv4', 'enable_ipv6']);
const MAPS = new Set(['driver_opts', 'labels']);

/** The canonical form of one kind of top-level resource. */
export function canonicalResources(ctx: CanonicalContext, kind: 'networks', value: Tree | undefined): Record<string, Network>;
export function canonicalResources(ctx: CanonicalContext, kind: 'volumes', value: Tree | undefined): Record<string, Volume>;
export function canonicalResources(ctx: CanonicalContext, kind: 'secrets' | 'configs', value: Tree | undefined): Record<string, FileObject>;
export function canonicalResources(ctx: CanonicalContext, kind: Kind, value: Tree | undefined): Record<string, Network | Volume | FileObject> {
  const out: Record<string, Network | Volume | FileObject> = {};
  if (!isMap(value)) return out;
  for (const key of Object.keys(value).sort()) out[key] = resource(ctx, kind, key, isMap(value[key]) ? (value[key] as TreeMap) : {});
  return out;
}

function resource(ctx: CanonicalContext, kind: Kind, key: string, raw: TreeMap): Network & Volume & FileObject {
  const path = [kind, key];
  const legacy = isMap(raw['external']) ? raw['external'] : undefined;
  const external = legacy !== undefined || (raw['external'] !== undefined && toBool(ctx, raw['external'], [...path, 'external']));
  const explicit = raw['name'] ?? legacy?.['name'];
  const out: Network & Volume & FileObject = { name: explicit !== undefined && explicit !== null ? toText(explicit) : external ? key : `${ctx.projectName}_${key}` };
  for (const [attr, v] of Object.entries(raw)) {
    if (attr === 'name') continue;
    if (attr === 'external') out.external = external;
    else if (BOOLEANS.has(attr)) out[attr] = toBool(ctx, v, [...path, attr]);
    else if (MAPS.has(attr)) out[attr] = toTextMap(v);
    else if (attr === 'file' && (kind === 'secrets' || kind === 'configs')) out.file = absolutePath(toText(v), ctx.projectDir, ctx.home);
    else if (attr === 'ipam' && isMap(v)) out.ipam = ipam(v);
    else out[attr] = typeof v === 'string' || v === null ? v : toJson(v);
  }
  return out;
}

function ipam(value: TreeMap): NonNullable<Network['ipam']> {
  const out: NonNullable<Network['ipam']> = {};
  if (value['driver'] !== undefined) out.driver = toText(value['driver']);
  const config = value['config'];
  if (Array.isArray(config)) {
    out.config = config.filter(isMap).map((c) => {
      const entry: NonNullable<NonNullable<Network['ipam']>['config']>[number] = {};
      for (const k of ['subnet', 'ip_range', 'gateway'] as const) if (c[k] !== undefined) entry[k] = toText(c[k]);
      if (c['aux_addresses'] !== undefined) entry.aux_addresses = toTextMap(c['aux_addresses']);
      return entry;
    });
  }
  if (value['options'] !== undefined) out.options = toTextMap(value['options']);
  return out;
}

/** Adds the `default` network when a service joins it and the files did not declare it. */
export function addDefaultNetwork(ctx: CanonicalContext, networks: Record<string, Network>, services: Record<string, Service>): Record<string, Network> {
  const used = Object.values(services).some((s) => s.networks !== undefined && 'default' in s.networks);
  if (!used || 'default' in networks) return networks;
  return Object.fromEntries(Object.entries({ ...networks, default: { name: `${ctx.projectName}_default` } }).sort(([a], [b]) => a.localeCompare(b, 'en')));
}
