/**
 * A lock on a directory that exists anyway (a container's state dir): flock on the directory itself, so
 * taking and releasing it creates and removes no file, and a holder that dies releases it at once.
 * Waits up to 10 s for another holder, in this process or another.
 */
import { closeSync, constants, openSync } from 'node:fs';
import { BerthError } from '../../errors/index.js';
import { tryLockExclusive } from '../../sys/flock.js';

/** Runs `fn` holding the lock of directory `dir`; runs it unlocked when `dir` does not exist (nothing to guard). */
export async function withDirLock<T>(dir: string, fn: () => Promise<T> | T): Promise<T> {
  let fd: number;
  try {
    fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fn();
    throw error;
  }
  try {
    await acquire(fd, dir);
    return await fn();
  } finally {
    closeSync(fd);
  }
}

async function acquire(fd: number, dir: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (let attempt = 0; !tryLockExclusive(fd, dir); attempt += 1) {
    if (Date.now() > deadline) {
      throw new BerthError('conflict', 'state.locked', `${dir} is locked by another berth process`, {
        hint: 'wait for the other berth command to finish',
      });
    }
    await new Promise((r) => setTimeout(r, Math.min(5 + attempt, 20)));
  }
}
