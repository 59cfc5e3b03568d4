/**
 * The on-disk records of one container. `state.json` is written by the runtime (this process) under the
 * container's lock: its config, cgroup and, once started, the pids and start times of the container's
 * PID 1 and its monitor. `exit.json` is written once by the monitor (native/exit-record.c) and only read here.
 */
import type { ContainerConfig } from '../container/container-config.js';

/** state.json. */
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
