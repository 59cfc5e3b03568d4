/**
 * Atomic records and a lock: a record is written to a temp file, fsync'd and renamed over the old one,
 * so readers see a whole old or a whole new record. The lock is an O_EXCL file holding the owner's pid;
 * a lock whose owner is dead is taken over. Sync forms serve the runtime; the async forms serve stores
 * used by many tasks of one process at once (the image store), which also queue in-process holders.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BerthError } from '../../errors/index.js';
import { processStartTime } from '../process/proc-identity.js';

/**
 * Writes `data` as JSON to `path` atomically. `durable: false` skips the fsync: for run-time state under
 * BERTH_RUN, which does not outlive a reboot (nor do the processes it describes), the rename alone keeps
 * readers from seeing half a record, and an fsync costs milliseconds on a busy disk.
 */
export function writeJsonAtomic(path: string, data: unknown, options: { durable?: boolean } = {}): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o644);
  try {
    writeSync(fd, `${JSON.stringify(data)}\n`);
    if (options.durable !== false) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** The JSON in `path`, or undefined when the file does not exist. */
export function readJson<T>(path: string): T | undefined {
  // Missing files are common (a running container's exit.json): a stat costs far less than a thrown ENOENT.
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function tryLock(path: string): boolean {
  try {
    const fd = openSync(path, 'wx', 0o644);
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number(readJson<number>(path) ?? 0);
    if (owner > 0 && owner !== process.pid && processStartTime(owner) !== undefined) return false;
    rmSync(path, { force: true });
    return false;
  }
}

async function acquire(path: string, waitMs: number, maxPollMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; !tryLock(path); attempt += 1) {
    if (Date.now() > deadline) {
      throw new BerthError('conflict', 'state.locked', `the state lock ${path} is held by another berth process`, {
        hint: 'wait for the other berth command to finish, or remove the lock file if its process is gone',
      });
    }
    await new Promise((r) => setTimeout(r, Math.min(5 + attempt, maxPollMs)));
  }
}

/** Runs `fn` holding the lock file `path` (waits up to 10 s for another holder). */
export async function withLock<T>(path: string, fn: () => Promise<T> | T): Promise<T> {
  await acquire(path, 10_000, 5);
  try {
    return await fn();
  } finally {
    rmSync(path, { force: true });
  }
}

/**
 * Writes `data` as JSON to `path` atomically, making its directory; each call has its own temp file, so
 * concurrent writers of one process never share one.
 */
export async function writeJsonAtomicAsync(path: string, data: unknown, options: { mode?: number } = {}): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(tmp, 'w', options.mode ?? 0o644);
    try {
      await handle.writeFile(`${JSON.stringify(data)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** The JSON in `path`, or undefined when the file does not exist. */
export async function readJsonAsync<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const queues = new Map<string, Promise<void>>();

/**
 * Like withLock, but holders in this process queue in order before taking the file (the file lock alone
 * cannot tell two tasks of one pid apart), the lock's directory is made, and the wait has no deadline
 * unless `waitMs` is given: holders guard work of unbounded length, such as unpacking one image layer.
 */
export async function withQueuedLock<T>(path: string, fn: () => Promise<T> | T, options: { waitMs?: number } = {}): Promise<T> {
  const before = queues.get(path) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => { release = resolve; });
  const tail = before.then(() => mine);
  queues.set(path, tail);
  try {
    await before;
    await mkdir(dirname(path), { recursive: true });
    await acquire(path, options.waitMs ?? Number.POSITIVE_INFINITY, 100);
    try {
      return await fn();
    } finally {
      rmSync(path, { force: true });
    }
  } finally {
    release();
    if (queues.get(path) === tail) queues.delete(path);
  }
}
