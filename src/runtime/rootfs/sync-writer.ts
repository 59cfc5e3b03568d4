/**
 * Applies sync entries to a container's root directory from the host (a plain directory or an overlay's
 * merged dir): files are copied to a temp name and renamed over the target, so a running service never
 * reads half a file; modes and times follow the source, owners optionally; directories are made (a symlink
 * in the container where the host has a directory is kept and written through), symlinks recreated (not
 * followed), and a target whose source is gone is removed exactly (files or whole trees).
 * Every target is resolved by ConfinedRoot, so nothing outside the root is touched. Entries apply
 * concurrently (a few at a time, tolerant of each other making the same parent) and are reported in their
 * given order; one failing entry is reported and the others still apply.
 */
import { constants, type Stats } from 'node:fs';
import { copyFile, lchown, mkdir, open, readlink, rename, rm, symlink, unlink } from 'node:fs/promises';
import { posix } from 'node:path';
import { asBerthError, BerthError } from '../../errors/index.js';
import { ConfinedRoot, lstatOrUndefined, type ConfinedEntry } from './sync-confined-path.js';
import type { SyncEntry } from './sync-entry.js';

/** Where and how to apply a batch. */
export interface SyncOptions {
  /** The container's root directory on the host. */
  root: string;
  /** Container paths of the container's bind mounts; targets at or under them are skipped. */
  bindTargets?: readonly string[] | undefined;
  /** Owner of written files: the source's, fixed ids, or (absent) the writer's own. */
  owner?: 'source' | { uid: number; gid: number } | undefined;
}

/** What a sync did. */
export interface SyncReport {
  written: string[];
  removed: string[];
  skipped: { target: string; reason: string }[];
  failed: { target: string; error: BerthError }[];
}

/** Entries applied at once: enough to overlap the thread pool's file calls, few enough for fds. */
const CONCURRENCY = 8;

type Outcome =
  | { kind: 'written' | 'removed' | 'absent'; target: string }
  | { kind: 'skipped'; target: string; reason: string }
  | { kind: 'failed'; target: string; error: BerthError };

let tempCounter = 0;

/** Applies `entries` to the root of `options`. */
export async function applySync(entries: readonly SyncEntry[], options: SyncOptions): Promise<SyncReport> {
  const root = await ConfinedRoot.open(options.root);
  const outcomes: Outcome[] = new Array<Outcome>(entries.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < entries.length; i = next++) outcomes[i] = await applyEntry(root, entries[i]!, options);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, entries.length) }, worker));
  } finally {
    await root.close();
  }
  return toReport(outcomes);
}

function toReport(outcomes: readonly Outcome[]): SyncReport {
  const report: SyncReport = { written: [], removed: [], skipped: [], failed: [] };
  for (const o of outcomes) {
    if (o.kind === 'written' || o.kind === 'removed') report[o.kind].push(o.target);
    else if (o.kind === 'skipped') report.skipped.push({ target: o.target, reason: o.reason });
    else if (o.kind === 'failed') report.failed.push({ target: o.target, error: o.error });
  }
  return report;
}

function coveringMount(target: string, mounts: readonly string[]): string | undefined {
  const path = posix.normalize(target);
  return mounts.map((m) => posix.normalize(m)).find((m) => m === '/' || path === m || path.startsWith(`${m.replace(/\/$/, '')}/`));
}

async function applyEntry(root: ConfinedRoot, entry: SyncEntry, options: SyncOptions): Promise<Outcome> {
  const target = entry.target;
  const mount = coveringMount(target, options.bindTargets ?? []);
  if (mount !== undefined) return { kind: 'skipped', target, reason: `covered by the bind mount at ${mount}` };
  try {
    const source = await lstatOrUndefined(entry.source);
    if (source === undefined) {
      const removed = await root.withEntry(target, false, (found) => remove(found.path));
      return { kind: removed === true ? 'removed' : 'absent', target };
    }
    if (!source.isFile() && !source.isDirectory() && !source.isSymbolicLink()) {
      return { kind: 'skipped', target, reason: 'not a regular file, directory or symlink' };
    }
    await root.withEntry(target, true, (found) => write(entry.source, source, found, options));
    return { kind: 'written', target };
  } catch (error) {
    return { kind: 'failed', target, error: entryError(entry, error) };
  }
}

/** Removes a file, symlink or whole tree; false when nothing was there. */
async function remove(path: string): Promise<boolean> {
  const stats = await lstatOrUndefined(path);
  if (stats === undefined) return false;
  if (stats.isDirectory()) await rm(path, { recursive: true, force: true });
  else await unlink(path);
  return true;
}

async function write(sourcePath: string, source: Stats, target: ConfinedEntry, options: SyncOptions): Promise<void> {
  if (source.isDirectory()) return writeDirectory(source, target, options);
  const temp = target.sibling(`.berth-sync-${process.pid}-${++tempCounter}`);
  try {
    if (source.isSymbolicLink()) {
      await symlink(await readlink(sourcePath), temp);
      await setOwner(temp, source, options);
    } else {
      await copyFile(sourcePath, temp, constants.COPYFILE_EXCL);
      await setAttributes(temp, source, options);
    }
    await renameOver(temp, target.path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Makes or updates a directory; a symlink already there is kept, so an image's `/var/run -> /run` survives. */
async function writeDirectory(source: Stats, target: ConfinedEntry, options: SyncOptions): Promise<void> {
  const existing = await lstatOrUndefined(target.path);
  if (existing?.isSymbolicLink()) return;
  if (existing !== undefined && !existing.isDirectory()) await unlink(target.path);
  if (existing === undefined || !existing.isDirectory()) await mkdirExisting(target.path, source.mode & 0o7777);
  await setAttributes(target.path, source, options);
}

/** mkdir that accepts a directory made meanwhile (by a child entry making its parents). */
async function mkdirExisting(path: string, mode: number): Promise<void> {
  try {
    await mkdir(path, mode);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/** Mode, times and (optionally) owner of a file or directory, through an fd opened without following links. */
async function setAttributes(path: string, source: Stats, options: SyncOptions): Promise<void> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const owner = ownerOf(source, options);
    if (owner !== undefined) await handle.chown(owner.uid, owner.gid);
    await handle.chmod(source.mode & 0o7777);
    await handle.utimes(source.atimeMs / 1000, source.mtimeMs / 1000);
  } finally {
    await handle.close();
  }
}

async function setOwner(path: string, source: Stats, options: SyncOptions): Promise<void> {
  const owner = ownerOf(source, options);
  if (owner !== undefined) await lchown(path, owner.uid, owner.gid);
}

function ownerOf(source: Stats, options: SyncOptions): { uid: number; gid: number } | undefined {
  if (options.owner === 'source') return { uid: source.uid, gid: source.gid };
  return options.owner;
}

/** rename(2) over the target; a directory in the way is removed first (rename cannot replace it with a file). */
async function renameOver(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    await rm(to, { recursive: true, force: true });
    await rename(from, to);
  }
}

function entryError(entry: SyncEntry, error: unknown): BerthError {
  if (error instanceof BerthError) return error;
  const message = error instanceof Error ? error.message.replace(/\/proc\/self\/fd\/\d+/g, '<dir>') : String(error);
  if ((error as NodeJS.ErrnoException).code === undefined) return asBerthError(error);
  return new BerthError('system', 'sync.write-failed', `sync of ${entry.source} to ${entry.target} failed: ${message}`, {
    hint: 'check the container path and free space; the other files of the batch were applied', cause: error,
  });
}
