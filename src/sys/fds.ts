/** File descriptor calls Node does not offer. */
import { check, libc } from './libc.js';

const dup2C = libc.func('int dup2(int oldfd, int newfd)') as (oldfd: number, newfd: number) => number;

/** Makes `newfd` a copy of `oldfd` (closing what `newfd` was); `what` names it in an error. */
export function dup2(oldfd: number, newfd: number, what: string): void {
  check(dup2C(oldfd, newfd), 'dup2', what);
}
