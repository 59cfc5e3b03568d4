/**
 * OCI whiteouts turned into overlayfs ones: `.wh.NAME` hides NAME of the lower layers (a 0/0 character
 * device named NAME), `.wh..wh..opq` makes its directory opaque (xattr trusted.overlay.opaque=y).
 */
import { lchown } from 'node:fs/promises';
import { mknod } from '../../sys/mknod.js';
import { lsetxattr } from '../../sys/xattr.js';

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_MARKER = '.wh..wh..opq';
export const OPAQUE_XATTR = 'trusted.overlay.opaque';

/** What an entry's base name says: an opaque marker, a whiteout of `name`, or an ordinary entry. */
export function whiteoutOf(base: string): { kind: 'opaque' } | { kind: 'whiteout'; name: string } | undefined {
  if (base === OPAQUE_MARKER) return { kind: 'opaque' };
  if (base.startsWith(WHITEOUT_PREFIX)) return { kind: 'whiteout', name: base.slice(WHITEOUT_PREFIX.length) };
  return undefined;
}

/** Writes the overlay whiteout for a deleted path (nothing may exist at `path`). */
export async function writeWhiteout(path: string): Promise<void> {
  mknod(path, 'char', 0, 0, 0);
  await lchown(path, 0, 0);
}

/** Marks a directory opaque for overlayfs. */
export function markOpaque(dir: string): void {
  lsetxattr(dir, OPAQUE_XATTR, Buffer.from('y'));
}
