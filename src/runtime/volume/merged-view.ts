/**
 * Reading an image's merged view without mounting it: the overlay lower dirs (top layer first) are read
 * as overlayfs would show them. The topmost layer holding a name decides it; a whiteout (a 0/0 character
 * device) hides the name in every lower layer, a directory merges with the directories under it until one
 * is opaque (xattr trusted.overlay.opaque=y), and a non-directory hides everything below.
 */
import { lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { lgetxattr } from '../../sys/xattr.js';

/** A name in the merged view: absent, a directory merged from some layers, or one other entry. */
export type MergedEntry =
  | { kind: 'missing' }
  | { kind: 'dir'; layers: string[] }
  | { kind: 'other'; path: string };

const MAX_SYMLINKS = 40;

/** The entry `name` inside the merged directory whose layer paths are `dirLayers` (top first). */
export function lookupChild(dirLayers: readonly string[], name: string): MergedEntry {
  const layers: string[] = [];
  for (const dir of dirLayers) {
    const path = `${dir}/${name}`;
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (stat === undefined) continue;
    if (stat.isCharacterDevice() && stat.rdev === 0) break;
    if (!stat.isDirectory()) {
      if (layers.length === 0) return { kind: 'other', path };
      break;
    }
    layers.push(path);
    if (isOpaque(path)) break;
  }
  return layers.length === 0 ? { kind: 'missing' } : { kind: 'dir', layers };
}

/** The names visible in the merged directory `dirLayers` (whiteouts still to be checked by lookupChild). */
export function mergedNames(dirLayers: readonly string[]): string[] {
  const names = new Set<string>();
  for (const dir of dirLayers) for (const name of readdirSync(dir)) names.add(name);
  return [...names].sort();
}

/**
 * The entry at absolute `path` in the image whose lower dirs are `lowers`, following symlinks inside the
 * image's root (an absolute link or `..` never leaves it), as a mount target is resolved.
 */
export function resolveInImage(lowers: readonly string[], path: string): MergedEntry {
  let current: string[] = [];
  let pending = components(path);
  let hops = 0;
  while (pending.length > 0) {
    const [name, ...rest] = pending as [string, ...string[]];
    pending = rest;
    if (name === '..') {
      current = current.slice(0, -1);
      continue;
    }
    const parent = walk(lowers, current);
    if (parent.kind !== 'dir') return { kind: 'missing' };
    const child = lookupChild(parent.layers, name);
    if (child.kind === 'other' && lstatSync(child.path).isSymbolicLink()) {
      if (++hops > MAX_SYMLINKS) return { kind: 'missing' };
      const link = readlinkSync(child.path);
      if (link.startsWith('/')) current = [];
      pending = [...components(link), ...pending];
      continue;
    }
    if (child.kind === 'missing') return child;
    current = [...current, name];
  }
  return walk(lowers, current);
}

function walk(lowers: readonly string[], names: readonly string[]): MergedEntry {
  let entry: MergedEntry = { kind: 'dir', layers: [...lowers] };
  for (const name of names) {
    if (entry.kind !== 'dir') return { kind: 'missing' };
    entry = lookupChild(entry.layers, name);
  }
  return entry;
}

function components(path: string): string[] {
  return path.split('/').filter((c) => c !== '' && c !== '.');
}

function isOpaque(dir: string): boolean {
  try {
    return lgetxattr(dir, 'trusted.overlay.opaque')?.toString() === 'y';
  } catch {
    return false;
  }
}
