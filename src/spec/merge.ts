/**
 * Phase 8, merge: folds the next file's tree over the accumulated one by the Compose rules. Mappings merge
 * key by key (later wins); sequences append; `command`, `entrypoint` and `healthcheck.test` are replaced;
 * `ports`, `volumes`, `secrets` and `configs` merge by their key; set-like lists drop duplicates;
 * `logging.options` are dropped when the driver changes; `!reset` removes, `!override` replaces wholesale.
 * Both trees must have been through merge-forms first. Positions follow the value that wins.
 */
import { copyPosition, positionOf, setPosition } from './source-map.js';
import { OverrideMarker, ResetMarker, isMap, isSeq, setKey, type Tree, type TreeMap } from './tree.js';

type SeqRule = 'append' | 'unique' | 'replace' | ((item: Tree) => string);

const SERVICE = String.raw`^services\.[^.]+\.`;

const RULES: [RegExp, SeqRule][] = [
  [new RegExp(`${SERVICE}(command|entrypoint|healthcheck\\.test)$`), 'replace'],
  [new RegExp(`${SERVICE}ports$`), portKey],
  [new RegExp(`${SERVICE}volumes$`), volumeKey],
  [new RegExp(`${SERVICE}(secrets|configs)$`), fileReferenceKey],
  [new RegExp(`${SERVICE}(env_file)$`), envFileKey],
  [new RegExp(`${SERVICE}(cap_add|cap_drop|dns|dns_opt|dns_search|expose|links|profiles|tmpfs|devices|security_opt|label_file|build\\.tags|networks\\.[^.]+\\.(aliases|link_local_ips))$`), 'unique'],
];

/** Merges `over` onto `base` (top-level trees of two files); neither input is changed. */
export function mergeTrees(base: TreeMap, over: TreeMap): TreeMap {
  return mergeMaps(base, over, []);
}

/** Merges two values at a path; `undefined` means the attribute is removed. */
export function mergeValues(base: Tree | undefined, over: Tree, path: string[]): Tree | undefined {
  if (over instanceof ResetMarker) return undefined;
  if (over instanceof OverrideMarker) return stripMarkers(over.value);
  if (base === undefined) return stripMarkers(over);
  const rule = ruleFor(path);
  if (rule === 'replace') return stripMarkers(over);
  if (isMap(base) && isMap(over)) return mergeMaps(base, over, path);
  if (isSeq(base) && isSeq(over)) return mergeSeqs(base, over, rule);
  return stripMarkers(over);
}

function mergeMaps(base: TreeMap, over: TreeMap, path: string[]): TreeMap {
  const dropOptions = path.length === 3 && path[0] === 'services' && path[2] === 'logging' && over['driver'] !== undefined && over['driver'] !== base['driver'];
  const out: TreeMap = {};
  for (const [key, value] of Object.entries(base)) {
    if (dropOptions && key === 'options') continue;
    setKey(out, key, value);
    copyPosition(base, key, out, key);
  }
  for (const [key, value] of Object.entries(over)) {
    const merged = mergeValues(Object.hasOwn(out, key) ? out[key] : undefined, value, [...path, key]);
    if (merged === undefined) {
      delete out[key];
      continue;
    }
    setKey(out, key, merged);
    copyPosition(over, key, out, key);
  }
  return out;
}

function mergeSeqs(base: Tree[], over: Tree[], rule: SeqRule): Tree[] {
  const out: Tree[] = [];
  const keys: string[] = [];
  const push = (from: Tree[], i: number, item: Tree): void => {
    const key = typeof rule === 'function' ? rule(item) : rule === 'unique' ? JSON.stringify(item) : undefined;
    const existing = key === undefined ? -1 : keys.indexOf(key);
    const index = existing >= 0 && typeof rule === 'function' ? existing : existing >= 0 ? -1 : out.length;
    if (index < 0) return;
    out[index] = stripMarkers(item);
    keys[index] = key ?? '';
    setPosition(out, index, positionOf(from, i));
  };
  base.forEach((item, i) => push(base, i, item));
  over.forEach((item, i) => push(over, i, item));
  return out;
}

function ruleFor(path: string[]): SeqRule {
  const dotted = path.join('.');
  return RULES.find(([pattern]) => pattern.test(dotted))?.[1] ?? 'append';
}

/** Removes `!reset`/`!override` markers from a tree that no later file can merge into any more. */
export function stripMarkers(node: Tree): Tree {
  return hasMarkers(node) ? copyWithoutMarkers(node) : node;
}

function hasMarkers(node: Tree): boolean {
  if (node instanceof OverrideMarker || node instanceof ResetMarker) return true;
  if (isSeq(node)) return node.some(hasMarkers);
  if (isMap(node)) return Object.values(node).some(hasMarkers);
  return false;
}

function copyWithoutMarkers(node: Tree): Tree {
  if (node instanceof OverrideMarker) return stripMarkers(node.value);
  if (isSeq(node)) {
    const out: Tree[] = [];
    node.forEach((item, i) => {
      if (item instanceof ResetMarker) return;
      setPosition(out, out.length, positionOf(node, i));
      out.push(copyWithoutMarkers(item));
    });
    return out;
  }
  if (isMap(node)) {
    const out: TreeMap = {};
    for (const [key, value] of Object.entries(node)) {
      if (value instanceof ResetMarker) continue;
      setKey(out, key, copyWithoutMarkers(value));
      copyPosition(node, key, out, key);
    }
    return out;
  }
  return node instanceof ResetMarker ? null : node;
}

/** The merge key of a port entry: host IP, published port, target and protocol. */
export function portKey(item: Tree): string {
  if (isMap(item)) return [item['host_ip'] ?? '', item['published'] ?? '', item['target'] ?? '', item['protocol'] ?? 'tcp'].join('|');
  const text = String(item);
  const [spec, protocol = 'tcp'] = text.split('/');
  const parts = splitPortSpec(spec ?? '');
  return [parts.hostIp, parts.published, parts.target, protocol].join('|');
}

/** Splits `[[ip:]published:]target` (IPv6 host IPs in brackets). */
export function splitPortSpec(spec: string): { hostIp: string; published: string; target: string } {
  const bracket = /^\[([^\]]+)\]:(.*)$/.exec(spec);
  if (bracket !== null) {
    const [published = '', target = ''] = splitLast(bracket[2]!);
    return { hostIp: bracket[1]!, published, target };
  }
  const parts = spec.split(':');
  if (parts.length === 1) return { hostIp: '', published: '', target: parts[0]! };
  if (parts.length === 2) return { hostIp: '', published: parts[0]!, target: parts[1]! };
  return { hostIp: parts.slice(0, -2).join(':'), published: parts.at(-2)!, target: parts.at(-1)! };
}

function splitLast(text: string): [string, string] {
  const at = text.lastIndexOf(':');
  return at < 0 ? ['', text] : [text.slice(0, at), text.slice(at + 1)];
}

function volumeKey(item: Tree): string {
  if (isMap(item)) return String(item['target'] ?? '');
  const parts = String(item).split(':');
  return parts.length === 1 ? parts[0]! : parts[1]!;
}

function fileReferenceKey(item: Tree): string {
  if (isMap(item)) return String(item['target'] ?? item['source'] ?? '');
  return String(item);
}

function envFileKey(item: Tree): string {
  return isMap(item) ? String(item['path'] ?? '') : String(item);
}
