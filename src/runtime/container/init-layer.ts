/**
 * The init layer (Docker has one per container; one shared, read-only, is enough here): the top lower
 * layer of every overlay root, holding the empty files the per-container /etc/hosts, /etc/hostname and
 * /etc/resolv.conf are bind-mounted onto. Without it each container's first start copies /etc up and
 * creates those files in its upper dir, and removal deletes them: eight directory and file operations,
 * each a journal transaction on a busy disk. Like Docker's, it shadows an image whose /etc is a symlink.
 * Built once in a temp dir and renamed into place, so concurrent creators never see half of it.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';

const FILES = ['etc/hosts', 'etc/hostname', 'etc/resolv.conf'];

/** Makes the init layer at `dir` unless it exists; returns `dir`. */
export function ensureInitLayer(dir: string): string {
  if (existsSync(dir)) return dir;
  const tmp = `${dir}.${process.pid}.tmp`;
  try {
    mkdirSync(`${tmp}/etc`, { recursive: true });
    for (const file of FILES) writeFileSync(`${tmp}/${file}`, '');
    renameSync(tmp, dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!existsSync(dir) || (code !== 'ENOTEMPTY' && code !== 'EEXIST')) throw error;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}
