/**
 * Making a group's directory chain below the `berth` parent, and undoing exactly what one `create` made
 * when it fails. Directories that already existed (the `berth` parent, a project's intermediate group)
 * are never removed here; the group's own directory must be new, so create never adopts a stale group.
 */
import { errnoCode, makeDir, removeDir } from './cgroup-files.js';
import { groupExists } from './group-errors.js';
import { chainDirs } from './group-name.js';

/**
 * Makes the directories below `base` down to the group's; returns those made. An intermediate directory
 * pruned by a concurrent destroy between our mkdirs (ENOENT) is made again once.
 */
export function makeChain(label: string, base: string, name: string, visit: (dir: string) => void): string[] {
  const dirs = chainDirs(base, name).slice(1);
  const made: string[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      for (const [i, dir] of dirs.entries()) {
        visit(dir);
        if (makeDir(dir)) made.push(dir);
        else if (i === dirs.length - 1) throw groupExists(label, dir);
      }
      return made;
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT' || attempt > 1) {
        removeMade(made);
        throw error;
      }
    }
  }
}

/** Removes directories this create made, newest first; they hold no task yet, so failures are ignored. */
export function removeMade(made: string[]): void {
  for (const dir of made.splice(0).reverse()) {
    try {
      removeDir(dir);
    } catch {
      continue;
    }
  }
}
