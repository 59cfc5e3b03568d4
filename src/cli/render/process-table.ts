/** `berth top`'s table: the columns of `ps -ef` (UID, PID, PPID, STIME, TIME, CMD) plus RSS. */
import type { ContainerTop } from '../../app/top.js';
import { textTable } from './text-table.js';

const TICKS_PER_SECOND = 100;

/** The processes as an aligned table. */
export function processTable(rows: ContainerTop['processes']): string {
  return textTable(['UID', 'PID', 'PPID', 'RSS', 'TIME', 'CMD'], rows.map((r) => [
    String(r.uid), String(r.pid), String(r.ppid), `${r.rssKiB}k`, cpuTime(r.cpuTicks), r.command,
  ]));
}

function cpuTime(ticks: number): string {
  const seconds = Math.floor(ticks / TICKS_PER_SECOND);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}
