/**
 * Device and FIFO nodes (mknod), which Node's fs cannot make: overlay whiteouts are 0/0 character devices.
 */
import { check, libc } from './libc.js';

const mknodC = libc.func('int mknod(const char *path, uint32_t mode, uint64_t dev)') as
  (path: string, mode: number, dev: bigint) => number;

/** File-type bits of st_mode for the nodes mknod makes. */
export const NODE_TYPE = { fifo: 0o010000, char: 0o020000, block: 0o060000 } as const;

/** Makes a node of `type` with permission bits `perm` and device major/minor at `path`. */
export function mknod(path: string, type: keyof typeof NODE_TYPE, perm: number, major = 0, minor = 0): void {
  check(mknodC(path, NODE_TYPE[type] | (perm & 0o7777), makedev(major, minor)), 'mknod', path);
}

/** glibc's makedev: the 64-bit device number of a major/minor pair. */
function makedev(major: number, minor: number): bigint {
  const ma = BigInt(major);
  const mi = BigInt(minor);
  return ((ma & 0xfffff000n) << 32n) | ((ma & 0xfffn) << 8n) | ((mi & 0xffffff00n) << 12n) | (mi & 0xffn);
}
