/**
 * A process's identity across pid reuse: its pid plus the start time from /proc/<pid>/stat (field 22,
 * clock ticks since boot). A recorded process is alive only when both still match.
 */
import { readFileSync } from 'node:fs';

/** The start time of `pid`, or undefined when there is no such process. */
export function processStartTime(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = fields[0];
    if (state === 'Z' || state === 'X') return undefined;
    return Number(fields[19]);
  } catch {
    return undefined;
  }
}

/** Whether the process recorded as (pid, startTime) is still running (zombies count as gone). */
export function isSameProcessAlive(pid: number | undefined, startTime: number | undefined): boolean {
  if (pid === undefined || pid <= 0) return false;
  const now = processStartTime(pid);
  return now !== undefined && (startTime === undefined || now === startTime);
}
