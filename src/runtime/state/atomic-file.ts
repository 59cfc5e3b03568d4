/**
 * Atomic records and a lock: a record is written to a temp file, fsync'd and renamed over the old one,
 * so readers see a whole old or a whole new record. The lock is an O_EXCL file holding the owner's pid;
 * a lock whose owner is dead is taken over.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { BerthError } from '../../errors/index.js';
import { processStartTime } from '../process/proc-identity.js';

/** Writes `data` as JSON to `path` atomically. */
export function writeJsonAtomic(path: string, data: unknown): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o644);
  try {
    writeSync(fd, `${JSON.stringify(data)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** The JSON in `path`, or undefined when the file does not exist. */
export function readJson<T>(path: string): T | undefined {
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

/** Runs `fn` holding the lock file `path` (waits up to 10 s for another holder). */
export async function withLock<T>(path: string, fn: () => Promise<T> | T): Promise<T> {
  const deadline = Date.now() + 10_000;
  while (!tryLock(path)) {
    if (Date.now() > deadline) {
      throw new BerthError('conflict', 'state.locked', `the state lock ${path} is held by another berth process`, {
        hint: 'wait for the other berth command to finish, or remove the lock file if its process is gone',
      });
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  try {
    return await fn();
  } finally {
    rmSync(path, { force: true });
  }
}
