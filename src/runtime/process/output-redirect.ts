/**
 * Points this process's stdout and stderr at a file (dup2). A supervisor started on standby learns its
 * project, and so its log file, only after Node has set up fds 1 and 2; Node keeps writing to those fds.
 */
import { closeSync, openSync } from 'node:fs';
import { dup2 } from '../../sys/fds.js';

/** Appends all that is written to fds 1 and 2 from now on to `path` (made with mode 0600 when missing). */
export function redirectOutput(path: string): void {
  const fd = openSync(path, 'a', 0o600);
  try {
    dup2(fd, 1, `stdout to ${path}`);
    dup2(fd, 2, `stderr to ${path}`);
  } finally {
    closeSync(fd);
  }
}
