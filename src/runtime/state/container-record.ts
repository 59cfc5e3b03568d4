/**
 * The on-disk records of one container. `state.json` is written by the runtime (this process) under the
 * container's lock: its config, cgroup and restart count. The monitor writes `started.json` (the pids and
 * start times of the container's PID 1 and its own, native/started-record.c) before it reports `started`,
 * so a container whose starter died is still known, and `exit.json` (native/exit-record.c) when it ends;
 * both are only read here, and removed (under the lock) before the container starts again.
 */
import type { ContainerConfig } from '../container/container-config.js';

/** state.json, merged with started.json when there is one (status `started` and the pids come from it). */
export interface ContainerRecord {
  v: 1;
  id: string;
  name: string;
  config: ContainerConfig;
  cgroupName: string;
  cgroupMode: 'v1' | 'v2';
  createdAt: string;
  status: 'created' | 'started';
  pid?: number | undefined;
  pidStart?: number | undefined;
  monitorPid?: number | undefined;
  monitorStart?: number | undefined;
  startedAt?: string | undefined;
  /** How many times the container was started again after it stopped. */
  restartCount?: number | undefined;
}

/** started.json, as the monitor writes it. */
export interface StartedRecord {
  v: 1;
  pid: number;
  pidStart: number;
  monitorPid: number;
  monitorStart: number;
  startedAt: string;
}

/** The record of a container with its monitor's started record merged in. */
export function withStarted(record: ContainerRecord, started: StartedRecord | undefined): ContainerRecord {
  if (started === undefined) return record;
  const { pid, pidStart, monitorPid, monitorStart, startedAt } = started;
  return { ...record, status: 'started', pid, pidStart, monitorPid, monitorStart, startedAt };
}

/** exit.json, as the monitor writes it. */
export interface ExitRecord {
  v: 1;
  pid: number;
  code: number;
  signal: number;
  oomKilled: boolean;
  startedAt: string;
  finishedAt: string;
}
