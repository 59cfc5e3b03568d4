/**
 * flock(2), which Node lacks: advisory whole-file locks held by an open file description, so two opens
 * in one process exclude each other too, and the kernel drops the lock when the fd closes or its
 * process dies (no stale lock to take over). Node opens files close-on-exec: children never inherit one.
 */
import { check, ERRNO, lastErrno, libc } from './libc.js';

const LOCK_EX = 2;
const LOCK_NB = 4;

const flockFn = libc.func('int flock(int fd, int operation)') as (fd: number, operation: number) => number;

/** Takes an exclusive lock on `fd` without waiting; false when another holder has it. */
export function tryLockExclusive(fd: number, object: string): boolean {
  if (flockFn(fd, LOCK_EX | LOCK_NB) === 0) return true;
  if (lastErrno() === ERRNO.EAGAIN) return false;
  check(-1, 'flock', object);
  return false;
}
