/**
 * A terminal's window size (TIOCSWINSZ), which Node can read but not set on a terminal it did not open
 * as its own tty: `exec -it` passes the caller's size on to the pty of the process in the container.
 */
import { closeSync, openSync } from 'node:fs';
import { check, libc } from './libc.js';

const TIOCSWINSZ = 0x5414;

const ioctlC = libc.func('int ioctl(int fd, unsigned long request, void *arg)') as (fd: number, request: number, arg: Buffer) => number;

/** Sets the window size of the terminal at `path` (its foreground process group gets SIGWINCH). */
export function setWindowSize(path: string, rows: number, cols: number): void {
  const winsize = Buffer.alloc(8);
  winsize.writeUInt16LE(rows, 0);
  winsize.writeUInt16LE(cols, 2);
  const fd = openSync(path, 'r+');
  try {
    check(ioctlC(fd, TIOCSWINSZ, winsize), 'ioctl', `TIOCSWINSZ on ${path}`);
  } finally {
    closeSync(fd);
  }
}
