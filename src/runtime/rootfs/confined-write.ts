/**
 * Copying a host tree into a container's root: the destination follows Docker's rules (into an existing
 * directory under the source's name; `src/.` copies a directory's contents; the destination's parent
 * must exist), and the files are written by
 * the sync writer, whose ConfinedRoot resolves every target inside the root, so a symlink in the
 * container never leads a write outside it. Owners are the writer's (root), as `docker cp` does, or the
 * host files' own with archive (`cp -a`).
 */
import { lstat, readdir, realpath } from 'node:fs/promises';
import { basename, join, posix } from 'node:path';
import { BerthError } from '../../errors/index.js';
import { ConfinedRoot } from './sync-confined-path.js';
import type { SyncEntry } from './sync-entry.js';
import { applySync } from './sync-writer.js';

/** What a copy in wrote, by container path. */
export interface CopyInReport {
  written: string[];
}

/** How a copy in treats owners and a symlink given as the source (`cp -a`, `cp -L`). */
export interface CopyInOptions {
  /** Keep the host files' uids and gids (else the files are root's). */
  archive?: boolean;
  /** When the host source itself is a symlink, copy what it points to. */
  followLink?: boolean;
}

/** Copies host path `source` into container path `dest` inside `rootDir`. */
export async function copyIn(rootDir: string, source: string, dest: string, options: CopyInOptions = {}): Promise<CopyInReport> {
  const from = options.followLink === true ? await realpath(source).catch(() => source) : source;
  const stats = await lstat(from).catch(() => undefined);
  if (stats === undefined) throw new BerthError('not-found', 'cp.source-not-found', `no such file or directory: ${source}`, { hint: 'check the host path' });
  const contentsOnly = source.endsWith('/.') && stats.isDirectory();
  const target = contentsOnly || !(await isDirectoryInside(rootDir, dest)) ? posix.normalize(dest) : posix.join(dest, basename(source));
  if (!(await parentExistsInside(rootDir, target))) {
    throw new BerthError('not-found', 'cp.dest-parent-missing', `no such directory in the container: ${posix.dirname(target)}`, {
      hint: 'create it first (berth exec <service> mkdir -p …), or copy to a directory that exists',
    });
  }
  const entries = await entriesOf(from, target, stats.isDirectory());
  const report = await applySync(entries, { root: rootDir, owner: options.archive === true ? 'source' : undefined });
  const failed = report.failed[0];
  if (failed !== undefined) throw failed.error;
  return { written: report.written };
}

/** Whether the directories leading to `path` exist in the container (symlinks on the way resolved inside the root). */
async function parentExistsInside(rootDir: string, path: string): Promise<boolean> {
  if (posix.normalize(path) === '/') return true;
  const root = await ConfinedRoot.open(rootDir);
  try {
    return (await root.withEntry(path, false, async () => true)) === true;
  } finally {
    await root.close();
  }
}

async function isDirectoryInside(rootDir: string, path: string): Promise<boolean> {
  if (posix.normalize(path) === '/') return true;
  const root = await ConfinedRoot.open(rootDir);
  try {
    return (await root.withEntry(path, false, async (entry) => (await lstat(entry.path).catch(() => undefined))?.isDirectory() === true)) === true;
  } finally {
    await root.close();
  }
}

/** The sync entries for a host tree: the root, then every entry below it, parents before children. */
async function entriesOf(source: string, target: string, directory: boolean): Promise<SyncEntry[]> {
  const entries: SyncEntry[] = target === '/' ? [] : [{ source, target }];
  if (!directory) return entries;
  for (const name of await readdir(source)) {
    const child = join(source, name);
    const stats = await lstat(child);
    entries.push(...await entriesOf(child, posix.join(target, name), stats.isDirectory()));
  }
  return entries;
}
