/**
 * Copying a tree out of a container's root to the host without ever leaving the root: every source path
 * is resolved by ConfinedRoot (symlinks on the way resolved inside the root), files and directories are
 * opened with O_NOFOLLOW and read through their fd, and symlinks are copied as symlinks, never followed.
 * The host side is the caller's own path and is written plainly.
 */
import { constants } from 'node:fs';
import { chmod, copyFile, lstat, mkdir, open, readdir, readlink, symlink, utimes } from 'node:fs/promises';
import { posix } from 'node:path';
import { BerthError } from '../../errors/index.js';
import { ConfinedRoot } from './sync-confined-path.js';

/** What a copy out wrote on the host. */
export interface CopyOutReport {
  files: number;
  directories: number;
  symlinks: number;
}

/** Copies container path `source` (inside `rootDir`) to host path `dest`, directories recursively. */
export async function copyOut(rootDir: string, source: string, dest: string): Promise<CopyOutReport> {
  const root = await ConfinedRoot.open(rootDir);
  const report: CopyOutReport = { files: 0, directories: 0, symlinks: 0 };
  try {
    const found = await copyEntry({ root, rootDir, report }, posix.normalize(source), dest);
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
