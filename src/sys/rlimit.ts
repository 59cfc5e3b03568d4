/**
 * getrlimit, which Node lacks: berth reads the caller's hard limits so a container's ulimits above them
 * are refused before the helper starts (this machine has no CAP_SYS_RESOURCE to raise them).
 */
import koffi from 'koffi';
import { check, libc } from './libc.js';

// An anonymous struct type: a named one would clash when this module is evaluated twice in one process.
const Rlimit = koffi.struct({ cur: 'uint64', max: 'uint64' });
const getrlimitC = libc.func('getrlimit', 'int', ['int', koffi.out(koffi.pointer(Rlimit))]) as
  (resource: number, out: { cur: number | bigint; max: number | bigint }) => number;

/** RLIM_INFINITY as a number. */
export const RLIM_INFINITY = -1;

/** Resource numbers of Linux (x86_64 and arm64 agree), by Docker's ulimit names. */
export const RLIMIT_RESOURCES: Readonly<Record<string, number>> = {
  cpu: 0, fsize: 1, data: 2, stack: 3, core: 4, rss: 5, nproc: 6, nofile: 7, memlock: 8, as: 9,
  locks: 10, sigpending: 11, msgqueue: 12, nice: 13, rtprio: 14, rttime: 15,
};

/** The soft and hard limits of `resource` for this process; -1 means infinity. */
export function getrlimit(resource: number): { soft: number; hard: number } {
  const out = { cur: 0 as number | bigint, max: 0 as number | bigint };
  check(getrlimitC(resource, out), 'getrlimit', `resource ${resource}`);
  const conv = (v: number | bigint): number => (BigInt(v) >= 0x7fffffffffffffffn ? RLIM_INFINITY : Number(v));
  return { soft: conv(out.cur), hard: conv(out.max) };
}
