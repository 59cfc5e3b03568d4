/**
 * supervisor.pid: the pid of the process hosting a project's supervisor (a detached `berth` supervisor
 * or a foreground `berth up`) with its start time, so a pid reused after a crash is not taken for a live
 * supervisor. Written by the supervisor when it starts, removed when it shuts down; a stale one is
 * replaced.
 */
import { rmSync } from 'node:fs';
import { BerthError } from '../errors/index.js';
import { isSameProcessAlive, processStartTime } from '../runtime/process/proc-identity.js';
import { readJson, writeJsonAtomic } from '../runtime/state/atomic-file.js';

/** The recorded supervisor process. */
export interface SupervisorPid {
  pid: number;
  startTime: number | undefined;
}

/** The recorded supervisor when it is still alive, else undefined. */
export function liveSupervisorPid(path: string): SupervisorPid | undefined {
  let recorded: SupervisorPid | undefined;
  try {
    recorded = readJson<SupervisorPid>(path);
  } catch {
    return undefined;
  }
  if (recorded === undefined || !isSameProcessAlive(recorded.pid, recorded.startTime)) return undefined;
  return recorded;
}

/** Records this process as the supervisor; a conflict when another live process already is. */
export function claimPidFile(path: string, project: string): void {
  const live = liveSupervisorPid(path);
  if (live !== undefined && live.pid !== process.pid) {
    throw new BerthError('conflict', 'supervisor.running', `a supervisor of project ${project} is already running (pid ${live.pid})`, {
      hint: 'talk to it through its control socket, or stop it first',
    });
  }
  writeJsonAtomic(path, { pid: process.pid, startTime: processStartTime(process.pid) } satisfies SupervisorPid, { durable: false });
}

/** Removes the pid file when it still names this process. */
export function releasePidFile(path: string): void {
  const recorded = liveSupervisorPid(path);
  if (recorded === undefined || recorded.pid === process.pid) rmSync(path, { force: true });
}
