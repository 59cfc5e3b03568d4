/**
 * Phase 6, include: each `include` entry is loaded as its own project (its own directory, its own `.env`,
 * the including project's environment winning) and its services, networks, volumes, secrets and configs
 * are copied into the including file. A name defined twice is an error; so is an include cycle.
 */
import { dirname, resolve } from 'node:path';
import { BerthError } from '../errors/index.js';
import { parseDotenv } from './dotenv.js';
import { displayPath, type LoadContext, type Scope } from './load-context.js';
import { mergeTrees } from './merge.js';
import { rebaseFileObjects, rebaseService } from './paths.js';
import { copyMap, copyPosition, locateIn, positionOf } from './source-map.js';
import { isMap, isSeq, scalarText, setKey, type Tree, type TreeMap } from './tree.js';

/** The file whose includes are being applied. */
export interface IncludingFile {
  path: string;
  dir: string;
  scope: Scope;
  stack: readonly string[];
}

/** Loads a file through the whole per-file pipeline (passed in to keep the modules acyclic). */
export type FileLoader = (path: string, scope: Scope, ctx: LoadContext, stack: readonly string[]) => TreeMap;

const RESOURCES = ['services', 'networks', 'volumes', 'secrets', 'configs'] as const;

interface IncludeEntry {
  paths: string[];
  projectDirectory: string;
  envFiles: string[] | undefined;
}

/** Applies a file's `include` list; returns a new tree without `include`. */
export function applyInclude(tree: TreeMap, file: IncludingFile, ctx: LoadContext, load: FileLoader): TreeMap {
  const list = tree['include'];
  if (list === undefined) return tree;
  const out: TreeMap = copyMap(tree);
  delete out['include'];
  (isSeq(list) ? list : [list]).forEach((raw, i) => {
    const entry = readEntry(raw, file.dir);
    if (entry === undefined) return;
    const included = loadEntry(entry, file, ctx, load, tree, i);
    copyResources(out, included, entry, ctx, file, tree, i);
  });
  return out;
}

function readEntry(raw: Tree, dir: string): IncludeEntry | undefined {
  const strings = (value: Tree | undefined): string[] | undefined => (value === undefined || value === null ? undefined : (isSeq(value) ? value : [value]).map((v) => resolve(dir, scalarText(v as string))));
  if (typeof raw === 'string') return { paths: [resolve(dir, raw)], projectDirectory: dirname(resolve(dir, raw)), envFiles: undefined };
  if (!isMap(raw)) return undefined;
  const paths = strings(raw['path']) ?? [];
  if (paths.length === 0) return undefined;
  const projectDirectory = typeof raw['project_directory'] === 'string' ? resolve(dir, raw['project_directory']) : dirname(paths[0]!);
  return { paths, projectDirectory, envFiles: strings(raw['env_file']) };
}

function loadEntry(entry: IncludeEntry, file: IncludingFile, ctx: LoadContext, load: FileLoader, tree: TreeMap, index: number): TreeMap {
  for (const path of entry.paths) {
    if (file.stack.includes(path)) {
      const chain = [...file.stack, path].map((p) => displayPath(ctx, p)).join(' → ');
      throw new BerthError('invalid', 'spec.include-cycle', `include forms a cycle: ${chain}`, {
        location: includeLocation(tree, index),
        hint: 'remove the include that leads back to a file already included',
      });
    }
  }
  const scope: Scope = { lookup: includedLookup(entry, file, ctx) };
  const trees = entry.paths.map((path) => load(path, scope, ctx, file.stack));
  const [first = {}, ...rest] = trees;
  return rest.reduce((acc, tree) => mergeTrees(acc, tree), first);
}

function includedLookup(entry: IncludeEntry, file: IncludingFile, ctx: LoadContext): (name: string) => string | undefined {
  const files = entry.envFiles ?? [resolve(entry.projectDirectory, '.env')];
  const own = new Map<string, string>();
  for (const path of files) {
    const text = entry.envFiles === undefined ? ctx.readText(path) : ctx.readText(path) ?? missingEnvFile(ctx, path);
    if (text === undefined) continue;
    for (const [key, value] of parseDotenv(text, displayPath(ctx, path), (name) => own.get(name) ?? file.scope.lookup(name))) own.set(key, value);
  }
  return (name) => file.scope.lookup(name) ?? own.get(name);
}

function missingEnvFile(ctx: LoadContext, path: string): never {
  throw new BerthError('not-found', 'spec.file-not-found', `env file ${displayPath(ctx, path)} of an include does not exist`, {
    hint: 'create the file or remove it from the include entry',
  });
}

function copyResources(out: TreeMap, included: TreeMap, entry: IncludeEntry, ctx: LoadContext, file: IncludingFile, tree: TreeMap, index: number): void {
  for (const kind of RESOURCES) {
    const group = included[kind];
    if (!isMap(group)) continue;
    if (kind === 'services') for (const service of Object.values(group)) if (isMap(service)) rebaseService(service, entry.projectDirectory);
    if (kind === 'secrets' || kind === 'configs') rebaseFileObjects(group, entry.projectDirectory);
    const target: TreeMap = isMap(out[kind]) ? copyMap(out[kind] as TreeMap) : {};
    for (const [name, value] of Object.entries(group)) {
      if (Object.hasOwn(target, name)) {
        throw new BerthError('conflict', 'spec.include-conflict', `${kind}.${name} is defined both in ${displayPath(ctx, file.path)} and in included ${entry.paths.map((p) => displayPath(ctx, p)).join(', ')}`, {
          location: includeLocation(tree, index),
          hint: `rename one of them; an included project's ${kind} cannot be redefined by the file that includes it`,
        });
      }
      setKey(target, name, value);
      copyPosition(group, name, target, name);
    }
    setKey(out, kind, target);
    if (positionOf(tree, kind) === undefined) copyPosition(included, kind, out, kind);
  }
}

function includeLocation(tree: TreeMap, index: number): ReturnType<typeof locateIn> {
  return locateIn(tree, ['include', index], ['include', index]);
}
