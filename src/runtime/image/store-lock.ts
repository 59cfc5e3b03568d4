/**
 * Named locks for the image store: O_EXCL lock files under BERTH_RUN/locks/images holding the owner's
 * pid. A lock whose owner is dead is stale and taken over, so a crashed pull never blocks the next one.
 * Waiters poll; locks guard short critical sections (one layer, the reference index).
 */
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { statePath, type StateRoots } from '../state-roots.js';

/** Runs `fn` holding the store lock `name` (a file-name-safe string). */
export async function withStoreLock<T>(roots: StateRoots, name: string, fn: () => Promise<T>): Promise<T> {
  const dir = statePath(roots, 'run', 'locks', 'images');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}.lock`);
  await acquire(path);
  try {
    return await fn();
  } finally {
    await unlink(path).catch(() => undefined);
  }
}

async function acquire(path: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await isStale(path)) await unlink(path).catch(() => undefined);
    else await sleep(Math.min(20 + attempt * 10, 200));
  }
}

async function isStale(path: string): Promise<boolean> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined || text === '') return false;
  const pid = Number(text);
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
