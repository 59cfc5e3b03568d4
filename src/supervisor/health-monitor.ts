/**
 * The probe loop of one container run: probes on the schedule of nextProbeDelay (start_interval inside
 * the start period, interval after), feeds results through recordProbe, and writes health.json after
 * every probe (status, failing streak, last results), tagged with the run so it never outlives it.
 * One probe at a time; a failed write is reported and the loop goes on; stop() ends it, no write follows.
 */
import type { StateRoots } from '../runtime/state-roots.js';
import { writeHealth } from './container-records.js';
import { initialHealth, nextProbeDelay, recordProbe, type HealthState } from './health-state.js';
import { probeArgv, type ProbeRunner } from './probe-runner.js';
import type { HealthcheckSpec } from './supervision-spec.js';

/** The run a health monitor watches. */
export interface MonitoredRun {
  id: string;
  pid: number;
  pidStart: number | undefined;
}

/** A running probe loop. */
export interface HealthMonitor {
  state(): HealthState;
  stop(): void;
}

/** Starts probing `run`, from `initial` (an adopted run's saved state) or from `starting`. */
export function startHealthMonitor(
  roots: StateRoots, run: MonitoredRun, check: HealthcheckSpec, runner: ProbeRunner,
  initial: HealthState = initialHealth(Date.now()), onError: (error: unknown) => void = () => undefined,
): HealthMonitor {
  const argv = probeArgv(check.test);
  let state = initial;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const save = (): void => writeHealth(roots, run.id, run, state);

  const probe = async (): Promise<void> => {
    const result = await runner(run.id, argv, check.timeoutMs);
    if (stopped) return;
    state = recordProbe(state, check, result);
    schedule();
    save();
  };
  const schedule = (): void => {
    timer = setTimeout(() => void probe().catch(onError), nextProbeDelay(state, check, Date.now()));
  };

  save();
  schedule();
  return {
    state: () => state,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
