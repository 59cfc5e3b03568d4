/**
 * A read-only tree COPY reads from: the walked build context, or the merged layers of a stage or an
 * image resolved as overlayfs would show them (top layer first; a 0/0 character device hides a name
 * below it, an opaque directory hides the lower directories) without mounting anything.
 */
import { lstatSync, readdirSync, readFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { ContextFiles } from './build-context.js';

/** An entry of a tree: its stats and where its bytes are on the host. */
export interface TreeEntry {
  info: Stats;
  hostPath: string;
}

/** A tree to copy from; paths are slash-separated, relative, '' is the root. */
export interface SourceTree {
  /** Names the tree in errors ("the build context", "stage 'build'"). */
  what: string;
  entry(path: string): TreeEntry | undefined;
  children(path: string): string[];
}

/** The context as a tree: only the entries the .dockerignore walk kept. */
export function contextTree(files: ContextFiles): SourceTree {
  const kids = new Map<string, string[]>([['', []]]);
  for (const path of files.entries.keys()) {
    const cut = path.lastIndexOf('/');
    const parent = cut < 0 ? '' : path.slice(0, cut);
    const list = kids.get(parent) ?? [];
    list.push(path.slice(cut + 1));
    kids.set(parent, list);
  }
  for (const list of kids.values()) list.sort();
  const rootInfo = lstatSync(files.root);
  return {
    what: 'the build context',
    entry: (path) => {
      const info = path === '' ? rootInfo : files.entries.get(path);
      return info === undefined ? undefined : { info, hostPath: join(files.root, path) };
    },
    children: (path) => kids.get(path) ?? [],
  };
}

type Resolved = { kind: 'dir'; dirs: string[]; info: Stats } | { kind: 'leaf'; entry: TreeEntry };

const isWhiteout = (info: Stats): boolean => info.isCharacterDevice() && info.rdev === 0;

/** Whether a layer directory is opaque (hides the directories below it). */
export type OpaqueCheck = (path: string) => boolean;

/** The opaque check, loaded on demand: xattrs need the libc binding, which an all-cached build never loads. */
export async function opaqueCheck(): Promise<OpaqueCheck> {
  const { lgetxattr } = await import('../../sys/xattr.js');
  return (path) => lgetxattr(path, 'trusted.overlay.opaque')?.toString() === 'y';
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** The directories of `dirs` (top first) that hold `name`, or the entry that hides them. */
function step(dirs: readonly string[], name: string, isOpaque: OpaqueCheck): Resolved | undefined {
  const found: string[] = [];
  let first: Stats | undefined;
  for (const dir of dirs) {
    const path = join(dir, name);
    const info = lstatOrUndefined(path);
    if (info === undefined) continue;
    if (isWhiteout(info)) break;
    if (!info.isDirectory()) {
      if (found.length === 0) return { kind: 'leaf', entry: { info, hostPath: path } };
      break;
    }
    first ??= info;
    found.push(path);
    if (isOpaque(path)) break;
  }
  return first === undefined ? undefined : { kind: 'dir', dirs: found, info: first };
}

/** The merged view of layer directories, top layer first. */
export function layerTree(layersTopFirst: readonly string[], what: string, isOpaque: OpaqueCheck): SourceTree {
  const resolve = (path: string): Resolved | undefined => {
    const top = layersTopFirst[0];
    if (top === undefined) return undefined;
    let current: Resolved = { kind: 'dir', dirs: [...layersTopFirst], info: lstatSync(top) };
    for (const name of path.split('/').filter((p) => p !== '')) {
      if (current.kind !== 'dir') return undefined;
      const next = step(current.dirs, name, isOpaque);
      if (next === undefined) return undefined;
      current = next;
    }
    return current;
  };
  return {
    what,
    entry: (path) => {
      const r = resolve(path);
      if (r === undefined) return undefined;
      return r.kind === 'leaf' ? r.entry : { info: r.info, hostPath: r.dirs[0]! };
    },
    children: (path) => {
      const r = resolve(path);
      if (r?.kind !== 'dir') return [];
      const names = new Set<string>();
      for (const dir of r.dirs) for (const name of readdirSync(dir)) names.add(name);
      return [...names].filter((name) => step(r.dirs, name, isOpaque) !== undefined).sort();
    },
  };
}

/** A file's text in a tree, or undefined when it is absent or not a regular file. */
export function readTreeFile(tree: SourceTree, path: string): string | undefined {
  const entry = tree.entry(path);
  return entry?.info.isFile() === true ? readFileSync(entry.hostPath, 'utf8') : undefined;
}
