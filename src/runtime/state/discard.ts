/**
 * Taking directories away without waiting for the filesystem: discard() renames a directory into the
 * trash of its state root (`<root>/trash/<pid>.<n>`: one metadata operation, after which every reader
 * sees it gone) and removes it from there in the background, where removing an overlay's work dir and a
 * container's files costs the filesystem real time. settleDiscards() waits for every removal this
 * process started; a process ends only once they are done, having nothing else to wait for. Entries a
 * killed process left behind are removed by the next process that discards into the same trash, or
 * sweeps it (`down` does).
 */
import { mkdirSync, readdirSync, renameSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { processStartTime } from '../process/proc-identity.js';

const pending = new Set<Promise<void>>();
const failures: unknown[] = [];
const swept = new Set<string>();
let seq = 0;

/** Takes directory `path` away now and removes it in the background; nothing happens when it is gone. */
export function discard(path: string, trash: string): void {
  mkdirSync(trash, { recursive: true });
  sweepTrash(trash);
  const target = join(trash, `${process.pid}.${++seq}`);
  try {
    renameSync(path, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code !== 'EXDEV') throw error;
    // The directory is on another filesystem than the trash: removed where it is.
    removeInBackground(path);
    return;
  }
  removeInBackground(target);
}

/** Removes in the background what processes that died meanwhile left in `trash` (once per process). */
export function sweepTrash(trash: string): void {
  if (swept.has(trash)) return;
  swept.add(trash);
  let entries: string[];
  try {
    entries = readdirSync(trash);
  } catch {
    return;
  }
  // Entries are named <pid>.<n>: those of a process that is gone (or a name that is no pid) are leftovers.
  for (const entry of entries) if (processStartTime(Number(entry.split('.')[0])) === undefined) removeInBackground(join(trash, entry));
}

/** Waits for every removal discard() started in this process; throws the first that failed. */
export async function settleDiscards(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
  const failure = failures.shift();
  failures.length = 0;
  if (failure !== undefined) throw failure;
}

function removeInBackground(path: string): void {
  const removal = rm(path, { recursive: true, force: true }).catch((error: unknown) => { failures.push(error); });
  pending.add(removal);
  void removal.finally(() => pending.delete(removal));
}
