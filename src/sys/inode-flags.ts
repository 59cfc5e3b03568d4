/**
 * The inode flags of ext2/3/4 (FS_IOC_GETFLAGS / FS_IOC_SETFLAGS, what chattr changes), which Node cannot
 * reach. Only adding flags is offered; a filesystem without them (tmpfs, xfs, overlay) answers false.
 */
import { closeSync, constants, openSync } from 'node:fs';
import { libc } from './libc.js';

/** FS_TOPDIR_FL: spread this directory's subdirectories over the filesystem, as its root's are. */
export const FS_TOPDIR_FL = 0x20000;
const FS_IOC_GETFLAGS = 0x80086601;
const FS_IOC_SETFLAGS = 0x40086602;

const getFlags = libc.func('int ioctl(int fd, unsigned long request, _Out_ int *flags)') as (fd: number, request: number, flags: Int32Array) => number;
const setFlags = libc.func('int ioctl(int fd, unsigned long request, int *flags)') as (fd: number, request: number, flags: Int32Array) => number;

/** Adds `flags` to directory `path`'s inode flags; false when its filesystem has none (or refuses them). */
export function addInodeFlags(path: string, flags: number): boolean {
  const fd = openSync(path, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    const value = new Int32Array(1);
    if (getFlags(fd, FS_IOC_GETFLAGS, value) < 0) return false;
    if ((value[0]! & flags) === flags) return true;
    value[0] = value[0]! | flags;
    return setFlags(fd, FS_IOC_SETFLAGS, value) === 0;
  } finally {
    closeSync(fd);
  }
}
