/**
 * The supervisor's per-container records, written atomically by the project's supervisor and read
 * by anyone (`ps`, `depends_on: service_healthy`, a new supervisor adopting the container):
 * - health.json: the health state of one run, tagged with that run's pid and start time, so a status
 *   left from an earlier run is recognised as stale and never counts;
 * - supervision.json: restart counts and the "stopped by user" flag, which must survive the supervisor
 *   (`up` clears the flag when it starts the container again, clearUserStop()).
 * Both live in the container's runtime state dir, so deleting the container removes them.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { observeContainer } from '../runtime/container/index.js';
import { readJson, writeJsonAtomic } from '../runtime/state/atomic-file.js';
import type { StateRoots } from '../runtime/state-roots.js';
import type { HealthState } from './health-state.js';
import { supervisedContainerPaths } from './project-paths.js';

/** health.json. */
export interface HealthRecord extends HealthState {
  v: 1;
  /** The run this state belongs to: the container's PID 1 and its start time. */
  pid: number;
  pidStart: number | undefined;
  updatedAt: string;
}

/** supervision.json. */
export interface SupervisionRecord {
  v: 1;
  /** Restarts done by supervisors over the container's life. */
  restartCount: number;
  /** Restarts in the current back-off streak (reset by a run of 10 s or more). */
  streak: number;
  /** Set by `stop-container`: no policy restarts the container until it is started again. */
  stoppedByUser: boolean;
  /** While the policy's back-off runs: when the supervisor starts the exited container again. */
  restartAt?: string | undefined;
}

const FRESH: SupervisionRecord = { v: 1, restartCount: 0, streak: 0, stoppedByUser: false };

/** The container's supervision record (zeroes when none was written yet). */
export function readSupervision(roots: StateRoots, id: string): SupervisionRecord {
  return readJson<SupervisionRecord>(supervisedContainerPaths(roots, id).supervision) ?? { ...FRESH };
}

/** Writes the supervision record; skipped when the container's state dir is gone (it was removed). */
export function writeSupervision(roots: StateRoots, id: string, record: SupervisionRecord): void {
  writeUnlessRemoved(supervisedContainerPaths(roots, id).supervision, record);
}

/** Ends a user's stop: `up` starting the container again puts it back under its restart policy, as Docker's start does. */
export function clearUserStop(roots: StateRoots, id: string): void {
  const record = readSupervision(roots, id);
  if (record.stoppedByUser) writeSupervision(roots, id, { ...record, stoppedByUser: false, streak: 0 });
}

/** Writes the health record of the container's current run; skipped when the container was removed. */
export function writeHealth(roots: StateRoots, id: string, run: { pid: number; pidStart: number | undefined }, state: HealthState): void {
  const record: HealthRecord = { v: 1, ...state, pid: run.pid, pidStart: run.pidStart, updatedAt: new Date().toISOString() };
  writeUnlessRemoved(supervisedContainerPaths(roots, id).health, record);
}

/** `down` may remove the container's state dir at any moment: a write into a vanished dir is dropped. */
function writeUnlessRemoved(path: string, data: unknown): void {
  if (!existsSync(dirname(path))) return;
  try {
    writeJsonAtomic(path, data, { durable: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** The health record as written, stale or not. */
export function readHealthRecord(roots: StateRoots, id: string): HealthRecord | undefined {
  return readJson<HealthRecord>(supervisedContainerPaths(roots, id).health);
}

/**
 * The health of container `id`'s current run, for `ps` and `depends_on: service_healthy`: undefined when
 * it has no health check, is not running, or the record belongs to an earlier run.
 */
export function currentHealth(roots: StateRoots, id: string): HealthRecord | undefined {
  const observed = observeContainer(roots, id);
  if (observed === undefined || !observed.running) return undefined;
  const record = readHealthRecord(roots, id);
  if (record === undefined || record.pid !== observed.record.pid) return undefined;
  if (record.pidStart !== undefined && record.pidStart !== observed.record.pidStart) return undefined;
  return record;
}
