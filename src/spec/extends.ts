/**
 * Phase 7, extends: a service with `extends: {service, file?}` starts from the other service (in this file
 * or another, chains followed) and its own attributes are merged over it by the merge rules. A service from
 * another file has its relative paths rebased onto that file's directory. Cycles are errors naming the chain.
 */
import { dirname, resolve } from 'node:path';
import { BerthError } from '../errors/index.js';
import { copyMap, copyPosition, locateIn } from './source-map.js';
import { displayPath, type LoadContext, type Scope } from './load-context.js';
import { mergeValues } from './merge.js';
import { rebaseService } from './paths.js';
import { parseComposeFile } from './compose-file.js';
import { isMap, setKey, type TreeMap } from './tree.js';

/** The file whose services are being resolved. */
export interface ExtendsFile {
  path: string;
  dir: string;
  scope: Scope;
}

/** Resolves every `extends` in a file's services; returns a new tree. */
export function applyExtends(tree: TreeMap, file: ExtendsFile, ctx: LoadContext): TreeMap {
  const services = tree['services'];
  if (!isMap(services) || !Object.values(services).some((s) => isMap(s) && s['extends'] !== undefined)) return tree;
  const out: TreeMap = {};
  for (const name of Object.keys(services)) {
    setKey(out, name, resolveService(services, name, file, ctx, []));
    copyPosition(services, name, out, name);
  }
  const result = copyMap(tree);
  setKey(result, 'services', out);
  return result;
}

function resolveService(services: TreeMap, name: string, file: ExtendsFile, ctx: LoadContext, chain: string[]): TreeMap {
  const service = services[name];
  const here = `${displayPath(ctx, file.path)}#${name}`;
  if (!isMap(service)) return {};
  const ext = service['extends'];
  if (ext === undefined) return service;
  if (chain.includes(here)) throw cycleError([...chain, here], services, name);
  const ref = typeof ext === 'string' ? { service: ext, file: undefined } : isMap(ext) ? { service: String(ext['service'] ?? ''), file: ext['file'] } : undefined;
  if (ref === undefined) return service;
  const base = ref.file === undefined || ref.file === null ? baseInFile(services, ref.service, file, ctx, [...chain, here], name) : baseInOtherFile(resolve(file.dir, String(ref.file)), ref.service, file, ctx, [...chain, here], name);
  const local: TreeMap = copyMap(service);
  delete local['extends'];
  return mergeValues(base, local, ['services', name]) as TreeMap;
}

function baseInFile(services: TreeMap, target: string, file: ExtendsFile, ctx: LoadContext, chain: string[], from: string): TreeMap {
  if (!isMap(services[target]) && services[target] !== null) throw missingBase(target, file, ctx, services, from);
  return structuredCopy(resolveService(services, target, file, ctx, chain) ?? {});
}

function baseInOtherFile(path: string, target: string, file: ExtendsFile, ctx: LoadContext, chain: string[], from: string): TreeMap {
  const other = parseComposeFile(path, file.scope, ctx, `the file extended by service ${from}`);
  const services = isMap(other['services']) ? other['services'] : {};
  const otherFile: ExtendsFile = { path, dir: dirname(path), scope: file.scope };
  if (!isMap(services[target])) throw missingBase(target, otherFile, ctx, services, from);
  const base = structuredCopy(resolveService(services, target, otherFile, ctx, chain));
  rebaseService(base, otherFile.dir);
  return base;
}

function structuredCopy(tree: TreeMap): TreeMap {
  return mergeValues(undefined, tree, []) as TreeMap;
}

function missingBase(target: string, file: ExtendsFile, ctx: LoadContext, services: TreeMap, from: string): BerthError {
  return new BerthError('invalid', 'spec.extends-unknown-service', `service ${from} extends service ${target}, which is not defined in ${displayPath(ctx, file.path)}`, {
    location: locateIn(services, [from, 'extends'], ['services', from, 'extends']),
    hint: `define service ${target} there, or fix the name in extends`,
  });
}

function cycleError(chain: string[], services: TreeMap, name: string): BerthError {
  const files = new Set(chain.map((link) => link.slice(0, link.lastIndexOf('#'))));
  const shown = files.size === 1 ? chain.map((link) => link.slice(link.lastIndexOf('#') + 1)) : chain;
  return new BerthError('invalid', 'spec.extends-cycle', `extends forms a cycle: ${shown.join(' → ')}`, {
    location: locateIn(services, [name, 'extends'], ['services', name, 'extends']),
    hint: 'make one of these services stop extending the next',
  });
}
