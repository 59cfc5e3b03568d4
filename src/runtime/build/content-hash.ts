/**
 * The content hash of a COPY/ADD source set: for every file, directory and symlink it reads, the path
 * as placed, the mode, the link target and the file bytes. Mtimes are left out, so touching a file
 * without changing it keeps the cache; ownership is left out as COPY sets it from --chown.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import type { CopyItem } from './copy-sources.js';

/** sha256 over the items (already in a stable order) and their bytes. */
export function contentHash(items: readonly CopyItem[]): string {
  const hash = createHash('sha256');
  for (const item of items) {
    hash.update(`${item.dest}\0${item.info.mode}\0`);
    if (item.info.isSymbolicLink()) hash.update(`l:${readlinkSync(item.hostPath)}`);
    else if (item.info.isFile()) hash.update(readFileSync(item.hostPath));
    hash.update('\n');
  }
  return `sha256:${hash.digest('hex')}`;
}
