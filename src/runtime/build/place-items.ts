/**
 * Writes COPY items into a staging directory that becomes the step's layer: missing parents are made
 * 0755 root-owned (as Docker does), entries keep their mode unless --chmod says otherwise, and take the
 * --chown owner (root when none is given, as COPY never keeps context owners), and keep their mtimes.
 */
import { chmodSync, copyFileSync, lchownSync, lutimesSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CopyItem } from './copy-sources.js';
import type { Owner } from './file-owner.js';

/** Creates the parents of `rel` under `root` that do not exist yet, root-owned 0755. */
export function makeParents(root: string, rel: string): void {
  const parts = dirname(rel).split('/').filter((p) => p !== '' && p !== '.');
  let path = root;
  for (const part of parts) {
    path = join(path, part);
    try {
      mkdirSync(path, { mode: 0o755 });
      chmodSync(path, 0o755);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Places `items` under `root`; `dest` paths are absolute in the image. */
export function placeItems(root: string, items: readonly CopyItem[], owner: Owner, chmod: number | undefined): void {
  for (const item of items) {
    const rel = item.dest.replace(/^\/+/, '');
    if (rel === '') continue;
    const target = join(root, rel);
    makeParents(root, rel);
    const mode = chmod ?? item.info.mode & 0o7777;
    if (item.info.isDirectory()) {
      mkdirSync(target, { recursive: true });
      chmodSync(target, mode);
    } else {
      rmSync(target, { force: true, recursive: true });
      if (item.info.isSymbolicLink()) symlinkSync(readlinkSync(item.hostPath), target);
      else {
        copyFileSync(item.hostPath, target);
        chmodSync(target, mode);
      }
    }
    lchownSync(target, owner.uid, owner.gid);
  }
  // Context mtimes kept, as Docker keeps them: the same file copied twice gives the same layer (and
  // digest) whatever second it was copied in. Last to first, so a directory's own time is set after its
  // entries were placed in it.
  for (const item of [...items].reverse()) {
    const rel = item.dest.replace(/^\/+/, '');
    if (rel !== '') lutimesSync(join(root, rel), item.info.mtime, item.info.mtime);
  }
}

/** The --chmod value as a mode, or undefined when absent. */
export function parseChmod(text: string | undefined): number | undefined {
  return text === undefined ? undefined : parseInt(text, 8);
}
