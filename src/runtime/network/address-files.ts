/**
 * Address allocations on disk, as CNI's host-local keeps them: one file per allocated address in a
 * network's addresses directory, holding its owner. A file is created with O_EXCL, so two berth
 * processes never hand out the same address.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Address → owner of every allocation in `dir` (empty when the directory does not exist). */
export function ownersOf(dir: string): Map<string, string> {
  const owners = new Map<string, string>();
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  for (const name of names) if (!name.startsWith('.')) owners.set(name, readFileSync(join(dir, name), 'utf8').trim());
  return owners;
}

/** Records `ip` as `owner`'s in `dir`; false when another allocation got there first. */
export function reserve(dir: string, ip: string, owner: string): boolean {
  mkdirSync(dir, { recursive: true });
  let fd: number;
  try {
    fd = openSync(join(dir, ip), 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, owner + '\n');
  } finally {
    closeSync(fd);
  }
  return true;
}
