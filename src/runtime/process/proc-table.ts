/**
 * Processes as /proc shows them, for `top` and for finding an exec's process: one row per pid from
 * /proc/<pid>/stat, status and cmdline, and a process's children. A process that ends while it is read
 * is left out rather than reported half-read.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** One process, in the columns `ps -ef` shows. */
export interface ProcRow {
  pid: number;
  ppid: number;
  uid: number;
  /** Start time in clock ticks since boot. */
  startTicks: number;
  /** User plus system CPU time in clock ticks. */
  cpuTicks: number;
  rssKiB: number;
  /** The command line, or `[comm]` for a kernel thread or a zombie. */
  command: string;
}

/** The row of `pid`, or undefined when it is gone. */
export function procRow(pid: number): ProcRow | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1] ?? '0');
    const rssKiB = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? '0');
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
    return {
      pid, ppid: Number(f[1]), uid, startTicks: Number(f[19]), cpuTicks: Number(f[11]) + Number(f[12]), rssKiB,
      command: argv.length > 0 ? argv.join(' ') : `[${comm}]`,
    };
  } catch {
    return undefined;
  }
}

/** The pids whose parent is `pid`. */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter((p) => p.trim() !== '').map(Number);
  } catch {
    return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).map(Number).filter((p) => procRow(p)?.ppid === pid);
  }
}
