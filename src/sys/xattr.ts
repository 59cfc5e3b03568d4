/**
 * Extended attributes on a path itself, never through a symlink (lsetxattr/lgetxattr): image layers carry
 * xattrs (security.capability, trusted.overlay.opaque) that Node's fs cannot write.
 */
import { check, lastErrno, libc, SysError } from './libc.js';

const lsetxattrC = libc.func('int lsetxattr(const char *path, const char *name, const void *value, size_t size, int flags)') as
  (path: string, name: string, value: Buffer, size: number, flags: number) => number;
const lgetxattrC = libc.func('intptr_t lgetxattr(const char *path, const char *name, _Out_ void *value, size_t size)') as
  (path: string, name: string, value: Buffer, size: number) => number;

const ENODATA = 61;

/** Sets xattr `name` of `path` (not following a final symlink). */
export function lsetxattr(path: string, name: string, value: Buffer): void {
  check(lsetxattrC(path, name, value, value.length, 0), 'lsetxattr', `${name} on ${path}`);
}

/** Reads xattr `name` of `path`, or undefined when it is not set. */
export function lgetxattr(path: string, name: string): Buffer | undefined {
  const buffer = Buffer.alloc(65536);
  const n = lgetxattrC(path, name, buffer, buffer.length);
  if (n >= 0) return buffer.subarray(0, n);
  const errno = lastErrno();
  if (errno === ENODATA) return undefined;
  throw new SysError('lgetxattr', errno, `${name} on ${path}`);
}


