/**
 * observe(): every container's status rebuilt from its records (state.json, and the monitor's started.json
 * and exit.json), /proc and the kernel, never from memory, so a crashed CLI loses nothing. A container whose PID 1 and monitor are both gone without an exit
 * record is `dead` (its monitor was killed); one whose record never got a pid is `created`.
 */
import { readdirSync } from 'node:fs';
import { containerPaths, containersDir } from '../container/container-paths.js';
import { isSameProcessAlive } from '../process/proc-identity.js';
import type { StateRoots } from '../state-roots.js';
import { readJson } from './atomic-file.js';
import { withStarted, type ContainerRecord, type ExitRecord, type StartedRecord } from './container-record.js';

export type ContainerStatus = 'created' | 'running' | 'exited' | 'dead';

/** One container as observed now. */
export interface ObservedContainer {
  id: string;
  name: string;
  status: ContainerStatus;
  record: ContainerRecord;
  exit: ExitRecord | undefined;
  /** Whether the container's PID 1 is running. */
  running: boolean;
  /** Whether its monitor is running. */
  monitorAlive: boolean;
}

/** The container `id` as observed now, or undefined when it has no record. */
export function observeContainer(roots: StateRoots, id: string): ObservedContainer | undefined {
  const paths = containerPaths(roots, id);
  const saved = readJson<ContainerRecord>(paths.record);
  if (saved === undefined) return undefined;
  const record = withStarted(saved, readJson<StartedRecord>(paths.startedRecord));
  const exit = readJson<ExitRecord>(paths.exitRecord);
  const running = record.status === 'started' && isSameProcessAlive(record.pid, record.pidStart);
  const monitorAlive = record.status === 'started' && isSameProcessAlive(record.monitorPid, record.monitorStart);
  let status: ContainerStatus = 'dead';
  if (record.status === 'created') status = 'created';
  else if (exit !== undefined) status = 'exited';
  else if (running || monitorAlive) status = 'running';
  return { id, name: record.name, status, record, exit, running, monitorAlive };
}

/** Every container under the state roots, sorted by creation time. */
export function observe(roots: StateRoots): ObservedContainer[] {
  let ids: string[];
  try {
    ids = readdirSync(containersDir(roots));
  } catch {
    return [];
  }
  return ids
    .map((id) => observeContainer(roots, id))
    .filter((c): c is ObservedContainer => c !== undefined)
    .sort((a, b) => a.record.createdAt.localeCompare(b.record.createdAt));
}
