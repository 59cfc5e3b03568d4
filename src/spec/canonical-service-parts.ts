/**
 * The service attributes with a structure of their own, in canonical form: build, healthcheck, depends_on
 * (explicit and implied by links and `service:` namespaces), deploy, networks, secrets and configs,
 * ulimits, develop.watch.
 */
import { formatPath, type ModelPath } from './locator.js';
import { invalidAt, toBool, toBytes, toDuration, toNumber, toText, toTextList, toTextMap, type CanonicalContext } from './canonical-context.js';
import type { Build, Dependency, Deploy, FileReference, Healthcheck, JsonValue, ServiceNetwork, Ulimit, WatchRule } from './model.js';
import { absolutePath } from './paths.js';
import { splitShellWords } from './shell-words.js';
import { isMap, isSeq, type Tree, type TreeMap } from './tree.js';

/** Plain JSON of a tree (attributes kept as written). */
export function toJson(value: Tree): JsonValue {
  if (isSeq(value)) return value.map(toJson);
  if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return value as JsonValue;
}

/** `command`/`entrypoint`: a string is split into words as a shell would. */
export function commandWords(ctx: CanonicalContext, value: Tree, path: ModelPath): string[] | null {
  if (value === null) return null;
  if (isSeq(value)) return value.map(toText);
  const words = splitShellWords(toText(value));
  if (words !== undefined) return words;
  throw invalidAt(ctx, path, 'spec.invalid-command', `${formatPath(path)} has an unclosed quote`, 'close the quote, or write the command as a list');
}

const BUILD_LISTS = ['tags', 'cache_from', 'cache_to', 'platforms', 'no_cache_filter'];
const BUILD_MAPS = ['labels', 'additional_contexts'];

/** `build` as an object with an absolute context and a default Dockerfile. */
export function canonicalBuild(ctx: CanonicalContext, value: TreeMap, path: ModelPath): Build {
  const context = toText(value['context'] ?? '.');
  const build: Build = { context: /^[a-z]+:\/\/|^git@/.test(context) ? context : absolutePath(context, ctx.projectDir, ctx.home) };
  if (value['dockerfile_inline'] === undefined) build.dockerfile = toText(value['dockerfile'] ?? 'Dockerfile');
  for (const [key, raw] of Object.entries(value)) {
    if (key === 'context' || key === 'dockerfile' && value['dockerfile_inline'] === undefined) continue;
    if (key === 'args') build.args = buildArgs(ctx, raw);
    else if (BUILD_MAPS.includes(key)) build[key] = toTextMap(raw);
    else if (key === 'extra_hosts') build.extra_hosts = toTextMap(raw, /[=:]/);
    else if (BUILD_LISTS.includes(key)) build[key] = toTextList(raw);
    else if (key === 'no_cache' || key === 'pull' || key === 'privileged') build[key] = toBool(ctx, raw, [...path, key]);
    else if (key === 'shm_size') build.shm_size = toBytes(ctx, raw, [...path, key]);
    else build[key] = toJson(raw);
  }
  return build;
}

function buildArgs(ctx: CanonicalContext, raw: Tree): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isMap(raw)) return toTextMap(raw);
  for (const key of Object.keys(raw).sort()) {
    const value = raw[key] === null ? ctx.lookup(key) : toText(raw[key]!);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** A healthcheck with `test` in list form and durations parsed. */
export function canonicalHealthcheck(ctx: CanonicalContext, value: TreeMap, path: ModelPath): Healthcheck {
  const check: Healthcheck = {};
  const test = value['test'];
  if (typeof test === 'string') check.test = ['CMD-SHELL', test];
  else if (isSeq(test)) check.test = test.map(toText);
  for (const key of ['interval', 'timeout', 'start_period', 'start_interval'] as const) {
    if (value[key] !== undefined && value[key] !== null) check[key] = toDuration(ctx, value[key]!, [...path, key]);
  }
  if (value['retries'] !== undefined && value['retries'] !== null) check.retries = toNumber(ctx, value['retries']!, [...path, 'retries']);
  if (value['disable'] !== undefined) check.disable = toBool(ctx, value['disable']!, [...path, 'disable']);
  return check;
}

const CONDITIONS = ['service_started', 'service_healthy', 'service_completed_successfully'];

/** `depends_on` as a mapping with every field filled, plus the dependencies other attributes imply. */
export function canonicalDependsOn(ctx: CanonicalContext, service: TreeMap, path: ModelPath): Record<string, Dependency> {
  const out: Record<string, Dependency> = {};
  const declared = service['depends_on'];
  if (isMap(declared)) {
    for (const name of Object.keys(declared)) {
      const entry = isMap(declared[name]) ? (declared[name] as TreeMap) : {};
      const condition = toText(entry['condition'] ?? 'service_started');
      if (!CONDITIONS.includes(condition)) {
        throw invalidAt(ctx, [...path, name, 'condition'], 'spec.invalid-condition', `depends_on condition "${condition}" for ${name} is not known`, `use one of ${CONDITIONS.join(', ')}`);
      }
      out[name] = {
        condition: condition as Dependency['condition'],
        required: entry['required'] === undefined ? true : toBool(ctx, entry['required'], [...path, name, 'required']),
        restart: entry['restart'] === undefined ? false : toBool(ctx, entry['restart'], [...path, name, 'restart']),
      };
    }
  }
  for (const [name, restart] of impliedDependencies(service)) out[name] ??= { condition: 'service_started', required: true, restart };
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]!]));
}

function impliedDependencies(service: TreeMap): [string, boolean][] {
  const found: [string, boolean][] = [];
  for (const link of isSeq(service['links']) ? service['links'].map(toText) : []) found.push([link.split(':')[0]!, true]);
  for (const key of ['network_mode', 'ipc', 'pid', 'uts', 'cgroup']) {
    const value = service[key];
    if (typeof value === 'string' && value.startsWith('service:')) found.push([value.slice('service:'.length), true]);
  }
  for (const from of isSeq(service['volumes_from']) ? service['volumes_from'].map(toText) : []) {
    if (!from.startsWith('container:')) found.push([from.split(':')[0]!, false]);
  }
  return found;
}

/** `deploy`, with replicas, resources and restart_policy typed and everything else kept. */
export function canonicalDeploy(ctx: CanonicalContext, value: TreeMap, path: ModelPath): Deploy {
  const deploy: Deploy = {};
  for (const [key, raw] of Object.entries(value)) {
    const at = [...path, key];
    if (key === 'replicas') deploy.replicas = toNumber(ctx, raw, at);
    else if (key === 'labels') deploy.labels = toTextMap(raw);
    else if (key === 'resources' && isMap(raw)) deploy.resources = resources(ctx, raw, at);
    else if (key === 'restart_policy' && isMap(raw)) deploy.restart_policy = restartPolicy(ctx, raw, at);
    else deploy[key] = toJson(raw);
  }
  return deploy;
}

function resources(ctx: CanonicalContext, value: TreeMap, path: ModelPath): NonNullable<Deploy['resources']> {
  const out: NonNullable<Deploy['resources']> = {};
  for (const side of ['limits', 'reservations'] as const) {
    const raw = value[side];
    if (!isMap(raw)) continue;
    const r: Record<string, number | JsonValue> = {};
    if (raw['cpus'] !== undefined) r['cpus'] = toNumber(ctx, raw['cpus'], [...path, side, 'cpus'], true);
    if (raw['memory'] !== undefined) r['memory'] = toBytes(ctx, raw['memory'], [...path, side, 'memory']);
    if (raw['pids'] !== undefined) r['pids'] = toNumber(ctx, raw['pids'], [...path, side, 'pids']);
    for (const key of ['devices', 'generic_resources']) if (raw[key] !== undefined) r[key] = toJson(raw[key]);
    out[side] = r;
  }
  return out;
}

function restartPolicy(ctx: CanonicalContext, value: TreeMap, path: ModelPath): NonNullable<Deploy['restart_policy']> {
  const out: NonNullable<Deploy['restart_policy']> = {};
  if (value['condition'] !== undefined) out.condition = toText(value['condition']);
  if (value['delay'] !== undefined) out.delay = toDuration(ctx, value['delay'], [...path, 'delay']);
  if (value['max_attempts'] !== undefined) out.max_attempts = toNumber(ctx, value['max_attempts'], [...path, 'max_attempts']);
  if (value['window'] !== undefined) out.window = toDuration(ctx, value['window'], [...path, 'window']);
  return out;
}

/** The networks a service joins; none declared means the project's `default` network. */
export function canonicalServiceNetworks(ctx: CanonicalContext, value: Tree | undefined, path: ModelPath): Record<string, ServiceNetwork | null> {
  if (!isMap(value)) return { default: null };
  const out: Record<string, ServiceNetwork | null> = {};
  for (const name of Object.keys(value).sort()) {
    const raw = value[name];
    if (!isMap(raw)) {
      out[name] = null;
      continue;
    }
    const net: ServiceNetwork = {};
    for (const [key, v] of Object.entries(raw)) {
      if (key === 'aliases' || key === 'link_local_ips') net[key] = toTextList(v);
      else if (key === 'driver_opts') net.driver_opts = toTextMap(v);
      else if (key === 'priority' || key === 'gw_priority') net[key] = toNumber(ctx, v, [...path, name, key]);
      else if (key === 'ipv4_address' || key === 'ipv6_address' || key === 'mac_address' || key === 'interface_name') net[key] = toText(v);
    }
    out[name] = net;
  }
  return out;
}

/** Secrets or configs granted to a service, with default targets. */
export function canonicalFileReferences(ctx: CanonicalContext, value: Tree, kind: 'secrets' | 'configs', path: ModelPath): FileReference[] {
  if (!isSeq(value)) return [];
  const defaultTarget = (name: string): string => (kind === 'secrets' ? (name.startsWith('/') ? name : `/run/secrets/${name}`) : name.startsWith('/') ? name : `/${name}`);
  return value.map((item, i) => {
    if (!isMap(item)) return { source: toText(item), target: defaultTarget(toText(item)) };
    const source = toText(item['source'] ?? '');
    const ref: FileReference = { source, target: defaultTarget(item['target'] === undefined ? source : toText(item['target'])) };
    if (item['uid'] !== undefined) ref.uid = toText(item['uid']);
    if (item['gid'] !== undefined) ref.gid = toText(item['gid']);
    const mode = item['mode'];
    if (mode !== undefined) ref.mode = typeof mode === 'string' && /^0[0-7]+$/.test(mode) ? parseInt(mode, 8) : toNumber(ctx, mode, [...path, i, 'mode']);
    return ref;
  });
}

/** `ulimits` with every entry as `{soft, hard}`. */
export function canonicalUlimits(ctx: CanonicalContext, value: TreeMap, path: ModelPath): Record<string, Ulimit> {
  const out: Record<string, Ulimit> = {};
  for (const name of Object.keys(value).sort()) {
    const raw = value[name]!;
    if (isMap(raw)) out[name] = { soft: toNumber(ctx, raw['soft'] ?? null, [...path, name, 'soft']), hard: toNumber(ctx, raw['hard'] ?? null, [...path, name, 'hard']) };
    else {
      const n = toNumber(ctx, raw, [...path, name]);
      out[name] = { soft: n, hard: n };
    }
  }
  return out;
}

/** `develop.watch` rules with absolute host paths. */
export function canonicalDevelop(ctx: CanonicalContext, value: TreeMap, path: ModelPath): { watch?: WatchRule[] } {
  const watch = value['watch'];
  if (!isSeq(watch)) return {};
  return {
    watch: watch.filter(isMap).map((rule, i) => {
      const out: WatchRule = { path: absolutePath(toText(rule['path'] ?? '.'), ctx.projectDir, ctx.home), action: toText(rule['action'] ?? 'sync') as WatchRule['action'] };
      if (rule['target'] !== undefined) out.target = toText(rule['target']);
      if (rule['ignore'] !== undefined) out.ignore = toTextList(rule['ignore']);
      if (rule['include'] !== undefined) out.include = toTextList(rule['include']);
      const initial = rule['initial_sync'] ?? rule['x-initialSync'];
      if (initial !== undefined) out.initial_sync = toBool(ctx, initial, [...path, 'watch', i, 'initial_sync']);
      if (rule['exec'] !== undefined) out.exec = toJson(rule['exec']);
      return out;
    }),
  };
}
