/**
 * The one handle on libc through koffi, shared by every binding in sys/. Bindings declare their
 * functions with `libc.func(...)` and turn a failed call into a SysError with `check`/`fail`, which
 * read errno right after the call (koffi keeps it per call).
 */
import koffi from 'koffi';
import { BerthError } from '../errors/index.js';

/** libc, loaded once. */
export const libc = koffi.load('libc.so.6');

const strerror = libc.func('const char *strerror(int errnum)') as (errnum: number) => string;

/** errno of the last koffi call on this thread. */
export function lastErrno(): number {
  return koffi.errno();
}

/** A failed system call: names the call and its object, carries errno and the C library's text for it. */
export class SysError extends BerthError {
  readonly errno: number;
  readonly call: string;

  constructor(call: string, errno: number, object: string, hint?: string) {
    super('system', `sys.${call}`, `${call} ${object}: ${strerror(errno)} (errno ${errno})`, { hint });
    this.errno = errno;
    this.call = call;
  }
}

/** Throws a SysError for `call` when `result` is negative, reading errno at once; returns the result. */
export function check(result: number, call: string, object: string, hint?: string): number {
  if (result < 0) throw new SysError(call, lastErrno(), object, hint);
  return result;
}

/** Well-known errno values berth branches on. */
export const ERRNO = {
  EPERM: 1, ENOENT: 2, ESRCH: 3, EINTR: 4, EIO: 5, EBADF: 9, EAGAIN: 11, ENOMEM: 12, EACCES: 13,
  EBUSY: 16, EEXIST: 17, EXDEV: 18, ENOTDIR: 20, EISDIR: 21, EINVAL: 22, ENOSPC: 28, EROFS: 30,
  ENOSYS: 38, ENOTEMPTY: 39, ELOOP: 40,
} as const;
