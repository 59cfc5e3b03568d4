/**
 * Brings the attributes that have a list form and a map form (and the string-or-list attributes) to one
 * form before merging, as compose-go does, so that files written in different forms merge by key:
 * `environment`, `labels`, `build.args`, `sysctls`, `extra_hosts` … become mappings, `depends_on` and
 * `networks` lists become mappings, `build: ./dir` becomes `{context}`, `dns`/`tmpfs`/`env_file` strings
 * become lists. Values in shapes it does not recognise are left for the schema to report.
 */
import { copyPosition, positionOf, setPosition } from './source-map.js';
import { isMap, isScalar, isSeq, scalarText, setKey, type Tree, type TreeMap } from './tree.js';

const LIST_TO_MAP = ['environment', 'labels', 'annotations', 'sysctls', 'storage_opt'];
const HOSTS = ['extra_hosts'];
/** The attributes whose schema takes a string or a list (others must be lists: the schema says so). */
const STRING_TO_LIST = ['dns', 'dns_search', 'tmpfs', 'env_file', 'label_file'];

/** Normalises every service and resource of one file's tree in place (returns the same tree). */
export function normaliseForMerge(tree: TreeMap): TreeMap {
  const services = tree['services'];
  if (isMap(services)) for (const service of Object.values(services)) if (isMap(service)) normaliseService(service);
  for (const kind of ['networks', 'volumes', 'secrets', 'configs']) {
    const group = tree[kind];
    if (!isMap(group)) continue;
    for (const resource of Object.values(group)) if (isMap(resource)) mapForm(resource, 'labels', '=');
  }
  return tree;
}

/** Normalises one service mapping in place. */
export function normaliseService(service: TreeMap): void {
  for (const key of LIST_TO_MAP) mapForm(service, key, '=');
  for (const key of HOSTS) mapForm(service, key, /[=:]/);
  for (const key of STRING_TO_LIST) listForm(service, key);
  const build = service['build'];
  if (typeof build === 'string') {
    const object: TreeMap = { context: build };
    copyPosition(service, 'build', object, 'context');
    service['build'] = object;
  }
  if (isMap(service['build'])) {
    const buildMap = service['build'];
    for (const key of ['args', 'labels', 'additional_contexts']) mapForm(buildMap, key, '=');
    mapForm(buildMap, 'extra_hosts', /[=:]/);
  }
  if (isMap(service['deploy'])) mapForm(service['deploy'], 'labels', '=');
  namesToMap(service, 'depends_on', () => ({ condition: 'service_started' }));
  namesToMap(service, 'networks', () => null);
  const networks = service['networks'];
  if (isMap(networks)) for (const net of Object.values(networks)) if (isMap(net)) listForm(net, 'aliases');
}

function mapForm(parent: TreeMap, key: string, separator: string | RegExp): void {
  const list = parent[key];
  if (!isSeq(list)) return;
  if (!list.every((item) => typeof item === 'string')) return;
  const out: TreeMap = {};
  list.forEach((item, i) => {
    const text = item as string;
    const at = text.search(separator);
    const name = at < 0 ? text : text.slice(0, at);
    setKey(out, name, at < 0 ? null : text.slice(at + 1));
    setPosition(out, name, positionOf(list, i));
  });
  parent[key] = out;
}

function listForm(parent: TreeMap, key: string): void {
  const value = parent[key];
  if (!isScalar(value) || value === null) return;
  const list: Tree[] = [typeof value === 'number' ? value : scalarText(value)];
  copyPosition(parent, key, list, 0);
  parent[key] = list;
}

function namesToMap(parent: TreeMap, key: string, value: () => Tree): void {
  const list = parent[key];
  if (!isSeq(list) || !list.every((item) => typeof item === 'string')) return;
  const out: TreeMap = {};
  list.forEach((item, i) => {
    setKey(out, item as string, value());
    setPosition(out, item as string, positionOf(list, i));
  });
  parent[key] = out;
}
