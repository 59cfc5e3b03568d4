/**
 * Resolves container paths inside a root directory the way the kernel would inside the container, without
 * ever leaving it: each component is opened relative to its parent's fd (through /proc/self/fd, Node's
 * stand-in for openat) with O_NOFOLLOW; a symlink met on the way is read and resolved again from the root
 * (absolute) or its directory (relative); `..` never climbs above the root. The last component is not
 * followed: sync replaces or removes a symlink itself, as tar and rm do.
 */
import { constants, type Stats } from 'node:fs';
import { lstat, mkdir, open, readlink, unlink, type FileHandle } from 'node:fs/promises';
import { BerthError } from '../../errors/index.js';

const MAX_SYMLINKS = 40;
const DIR_FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;

/** A directory held open, and the name of an entry in it. */
export interface ConfinedEntry {
  /** `/proc/self/fd/<n>/<name>`: the entry's path through the held parent, usable with any fs call. */
  path: string;
  /** The path of a sibling through the same parent, for temp files renamed over the entry. */
  sibling(name: string): string;
}

/** The container root held open; close() releases it. */
export class ConfinedRoot {
  private constructor(private readonly root: FileHandle) {}

  /** Opens `rootDir` (the container's root directory on the host). */
  static async open(rootDir: string): Promise<ConfinedRoot> {
    try {
      return new ConfinedRoot(await open(rootDir, constants.O_RDONLY | constants.O_DIRECTORY));
    } catch (error) {
      throw new BerthError('not-found', 'sync.root-not-found', `container root ${rootDir} cannot be opened: ${(error as Error).message}`, {
        hint: 'check that the container exists and its root filesystem is mounted', cause: error,
      });
    }
  }

  /**
   * Runs `use` on the entry for container path `target`, its parent directories resolved inside the root,
   * and closes them afterwards. With `create`, missing parents are made (0755) and a file in the way is
   * replaced; without it, returns undefined (and skips `use`) when a parent is missing.
   */
  async withEntry<T>(target: string, create: boolean, use: (entry: ConfinedEntry) => Promise<T>): Promise<T | undefined> {
    const parts = target.split('/').filter((p) => p !== '' && p !== '.');
    const name = parts.pop();
    if (name === undefined || name === '..') throw new BerthError('invalid', 'sync.bad-target', `sync target ${target} names no file inside the container`, { hint: 'sync to a path below /' });
    const opened: FileHandle[] = [];
    try {
      const dir = await this.walk(parts, create, opened);
      if (dir === undefined) return undefined;
      const base = `/proc/self/fd/${dir.fd}`;
      return await use({ path: `${base}/${name}`, sibling: (other) => `${base}/${other}` });
    } finally {
      await Promise.all(opened.map((h) => h.close()));
    }
  }

  /** Releases the root. */
  async close(): Promise<void> {
    await this.root.close();
  }

  private async walk(components: string[], create: boolean, opened: FileHandle[]): Promise<FileHandle | undefined> {
    const stack: FileHandle[] = [this.root];
    const queue = [...components];
    let links = 0;
    for (let part = queue.shift(); part !== undefined; part = queue.shift()) {
      if (part === '' || part === '.') continue;
      if (part === '..') {
        if (stack.length > 1) stack.pop();
        continue;
      }
      const next = await step(`/proc/self/fd/${stack.at(-1)!.fd}/${part}`, create, opened);
      // With create, only a link that cannot be read from outside (a /proc one) leaves nothing to open.
      if (next === undefined && create) throw unresolvable(components);
      if (next === undefined) return undefined;
      if (typeof next !== 'string') {
        stack.push(next);
        continue;
      }
      if (++links > MAX_SYMLINKS) throw new BerthError('invalid', 'sync.symlink-loop', `too many symlinks resolving ${components.join('/')} inside the container`, { hint: 'fix the symlink loop in the container' });
      if (next.startsWith('/')) stack.length = 1;
      queue.unshift(...next.split('/'));
    }
    return stack.at(-1);
  }
}

/** Opens one directory component; returns a symlink's text to resolve, or undefined when absent. */
async function step(path: string, create: boolean, opened: FileHandle[]): Promise<FileHandle | string | undefined> {
  const handle = await openDir(path, opened);
  if (handle !== undefined) return handle;
  const stats = await lstatOrUndefined(path);
  if (stats?.isSymbolicLink()) return readLinkOrUndefined(path);
  if (stats?.isDirectory()) return (await openDir(path, opened)) ?? raced();
  if (!create) return undefined;
  if (stats !== undefined) await unlink(path);
  await mkdir(path, 0o755).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return (await openDir(path, opened)) ?? raced();
}

function unresolvable(components: readonly string[]): BerthError {
  return new BerthError('not-found', 'sync.unresolvable-link', `container path /${components.join('/')} leads through a symlink that cannot be followed from outside the container`, {
    hint: 'it points into the container\'s /proc; copy to the path it stands for instead',
  });
}

function raced(): never {
  throw new BerthError('system', 'sync.path-raced', 'a directory on the way to the sync target changed while it was being opened', {
    hint: 'something inside the container is changing this path; save the file again',
  });
}

async function openDir(path: string, opened: FileHandle[]): Promise<FileHandle | undefined> {
  try {
    const handle = await open(path, DIR_FLAGS);
    opened.push(handle);
    return handle;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ELOOP' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/**
 * A symlink's text, or undefined when it has none to give: procfs links such as /proc/self name a
 * process of the container's pid namespace, which the reader on the host is not in.
 */
async function readLinkOrUndefined(path: string): Promise<string | undefined> {
  try {
    return await readlink(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** lstat, or undefined when the path does not exist. */
export async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}
