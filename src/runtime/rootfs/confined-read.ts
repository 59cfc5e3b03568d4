/**
 * Copying a tree out of a container's root to the host without ever leaving the root: every source path
 * is resolved by ConfinedRoot (symlinks on the way resolved inside the root), files and directories are
 * opened with O_NOFOLLOW and read through their fd, and symlinks are copied as symlinks, never followed
 * (with followLink, only the source itself is, inside the root). The host side is the caller's own path
 * and is written plainly, owned by the copier unless archive asks for the container's owners.
 */
import { constants } from 'node:fs';
import { chmod, copyFile, lchown, lstat, mkdir, open, readdir, readlink, symlink, utimes } from 'node:fs/promises';
import { posix } from 'node:path';
import { BerthError } from '../../errors/index.js';
import { ConfinedRoot } from './sync-confined-path.js';

/** What a copy out wrote on the host. */
export interface CopyOutReport {
  files: number;
  directories: number;
  symlinks: number;
}

/** How a copy out treats owners and a symlink given as the source (`cp -a`, `cp -L`). */
export interface CopyOutOptions {
  /** Give the host copies the container's uids and gids (else the copier's own). */
  archive?: boolean;
  /** When the source itself is a symlink, copy what it points to (resolved inside the root). */
  followLink?: boolean;
}

const MAX_LINKS = 40;

/** Copies container path `source` (inside `rootDir`) to host path `dest`, directories recursively. */
export async function copyOut(rootDir: string, source: string, dest: string, options: CopyOutOptions = {}): Promise<CopyOutReport> {
  const root = await ConfinedRoot.open(rootDir);
  const report: CopyOutReport = { files: 0, directories: 0, symlinks: 0 };
  try {
    const copy = { root, rootDir, report, archive: options.archive === true };
    const start = options.followLink === true ? await followLinks(copy, posix.normalize(source)) : posix.normalize(source);
    const found = await copyEntry(copy, start, dest);
    if (!found) throw new BerthError('not-found', 'cp.source-not-found', `no such file or directory in the container: ${source}`, { hint: 'check the path with `berth exec <service> ls`' });
  } finally {
    await root.close();
  }
  return report;
}

/** One copy out in progress. */
interface Copy {
  root: ConfinedRoot;
  rootDir: string;
  report: CopyOutReport;
  archive: boolean;
}

/** `source` with its own symlinks followed, as the container would (each hop resolved inside the root). */
async function followLinks(copy: Copy, source: string): Promise<string> {
  let path = source;
  for (let hops = 0; hops < MAX_LINKS; hops++) {
    if (path === '/') return path;
    const link = await copy.root.withEntry(path, false, async (entry) => ((await lstat(entry.path).catch(() => undefined))?.isSymbolicLink() === true ? readlink(entry.path) : undefined));
    if (link === undefined) return path;
    path = posix.resolve(posix.dirname(path), link);
  }
  throw new BerthError('invalid', 'cp.symlink-loop', `too many symlinks following ${source} in the container`, { hint: 'fix the symlink loop, or copy without -L' });
}

async function copyEntry(copy: Copy, source: string, dest: string): Promise<boolean> {
  const { report } = copy;
  if (source === '/' || source === '') return copyDirectory(copy, '/', dest).then(() => true);
  const result = await copy.root.withEntry(source, false, async (entry) => {
    const stats = await lstat(entry.path).catch(() => undefined);
    if (stats === undefined) return false;
    if (stats.isSymbolicLink()) {
      await symlink(await readlink(entry.path), dest);
      report.symlinks++;
    } else if (stats.isDirectory()) {
      return 'directory';
    } else if (stats.isFile()) {
      await copyFileNoFollow(entry.path, dest, stats.mode);
      await utimes(dest, stats.atime, stats.mtime);
      report.files++;
    }
    if (copy.archive && !stats.isDirectory()) await lchown(dest, stats.uid, stats.gid);
    return true;
  });
  if (result === 'directory') await copyDirectory(copy, source, dest);
  return result !== undefined && result !== false;
}

async function copyDirectory(copy: Copy, source: string, dest: string): Promise<void> {
  const names = await listDirectory(copy, source);
  await mkdir(dest, { recursive: true });
  copy.report.directories++;
  for (const name of names) await copyEntry(copy, posix.join(source, name), posix.join(dest, name));
  if (copy.archive) await copyOwner(copy, source, dest);
}

/** A directory's owner, from the container onto the host copy (`cp -a`). */
async function copyOwner(copy: Copy, source: string, dest: string): Promise<void> {
  const stats = source === '/' ? await lstat(copy.rootDir) : await copy.root.withEntry(source, false, (entry) => lstat(entry.path));
  if (stats !== undefined) await lchown(dest, stats.uid, stats.gid);
}

/** The names in a container directory, read through an fd opened without following a symlink. */
async function listDirectory(copy: Copy, source: string): Promise<string[]> {
  if (source === '/') return readdir(copy.rootDir);
  const names = await copy.root.withEntry(source, false, async (entry) => {
    const handle = await open(entry.path, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
    try {
      return await readdir(`/proc/self/fd/${handle.fd}`);
    } finally {
      await handle.close();
    }
  });
  return names ?? [];
}

async function copyFileNoFollow(path: string, dest: string, mode: number): Promise<void> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    await copyFile(`/proc/self/fd/${handle.fd}`, dest);
    await chmod(dest, mode & 0o7777);
  } finally {
    await handle.close();
  }
}
