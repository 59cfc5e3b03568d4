/**
 * Network-namespace system calls Node lacks: unshare(CLONE_NEWNET), setns, bind mount and umount2.
 * setns/unshare act on the CALLING THREAD only, so callers must switch back in a `finally` before any
 * other code runs on that thread (see `withNetns`); other Node threads never change namespace.
 */
import { closeSync, openSync } from 'node:fs';
import { check, libc } from './libc.js';

/** CLONE_NEWNET from <sched.h>. */
export const CLONE_NEWNET = 0x40000000;
const MS_BIND = 0x1000;
const MNT_DETACH = 0x2;

const unshareFn = libc.func('int unshare(int flags)') as (flags: number) => number;
const setnsFn = libc.func('int setns(int fd, int nstype)') as (fd: number, nstype: number) => number;
const mountFn = libc.func(
  'int mount(const char *source, const char *target, const char *fstype, unsigned long flags, const void *data)',
) as (source: string, target: string, fstype: string | null, flags: number, data: null) => number;
const umount2Fn = libc.func('int umount2(const char *target, int flags)') as (target: string, flags: number) => number;

/** The calling thread's current network namespace, as a path under /proc. */
export const THREAD_NETNS = '/proc/thread-self/ns/net';

/** Moves the calling thread into a new, empty network namespace. */
export function unshareNetns(): void {
  check(unshareFn(CLONE_NEWNET), 'unshare', 'network namespace');
}

/** Moves the calling thread into the network namespace open on `fd`. */
export function setNetns(fd: number, object: string): void {
  check(setnsFn(fd, CLONE_NEWNET), 'setns', object);
}

/** Bind-mounts `source` onto `target` (an existing file or directory). */
export function bindMount(source: string, target: string): void {
  check(mountFn(source, target, null, MS_BIND, null), 'mount', target);
}

/** Lazily unmounts `target` (MNT_DETACH); throws SysError (EINVAL when `target` is not a mount point). */
export function detachMount(target: string): void {
  check(umount2Fn(target, MNT_DETACH), 'umount2', target);
}

/**
 * Runs `fn` with the calling thread inside the network namespace file `nsPath`, then returns to the
 * namespace the thread was in, even when `fn` throws. Keep `fn` short and synchronous.
 */
export function withNetns<T>(nsPath: string, fn: () => T): T {
  const home = openSync(THREAD_NETNS, 'r');
  try {
    const target = openSync(nsPath, 'r');
    try {
      setNetns(target, nsPath);
    } finally {
      closeSync(target);
    }
    try {
      return fn();
    } finally {
      setNetns(home, 'the original network namespace');
    }
  } finally {
    closeSync(home);
  }
}
