/**
 * Health checks as Docker's engine runs them, as a pure state machine: `starting` until the first
 * success (failures inside start_period do not count), `healthy` after a success, `unhealthy` after
 * `retries` consecutive failures once the start period is over. The last five probe results are kept so
 * `ps` and a failing `depends_on: service_healthy` can show what the probe printed. The supervisor runs
 * the probes and owns the clock: every function takes `now` (ms) as an argument.
 */

export type HealthStatus = 'starting' | 'healthy' | 'unhealthy';

/** A service's health check in milliseconds, defaults applied (Docker's: 30 s, 30 s, 3, 0, 5 s). */
export interface HealthConfig {
  intervalMs: number;
  timeoutMs: number;
  retries: number;
  startPeriodMs: number;
  startIntervalMs: number;
}

/** One probe run. */
export interface ProbeResult {
  startedAt: number;
  endedAt: number;
  exitCode: number;
  /** Combined output, trimmed to a few KiB by the runner. */
  output: string;
}

export interface HealthState {
  status: HealthStatus;
  failingStreak: number;
  /** When the container (re)started: the start period counts from here. */
  containerStartedAt: number;
  /** The newest last. */
  log: ProbeResult[];
}

const KEPT_RESULTS = 5;

export const DEFAULT_HEALTH: HealthConfig = {
  intervalMs: 30_000,
  timeoutMs: 30_000,
  retries: 3,
  startPeriodMs: 0,
  startIntervalMs: 5_000,
};

/** The state of a container that has just started: a stale status of an earlier run never carries over. */
export function initialHealth(containerStartedAt: number): HealthState {
  return { status: 'starting', failingStreak: 0, containerStartedAt, log: [] };
}

/** Whether `now` still lies in the start period (and nothing has succeeded yet). */
export function inStartPeriod(state: HealthState, config: HealthConfig, now: number): boolean {
  return state.status === 'starting' && now - state.containerStartedAt < config.startPeriodMs;
}

/** The state after one probe; a probe that ran past the timeout counts as a failure. */
export function recordProbe(state: HealthState, config: HealthConfig, result: ProbeResult): HealthState {
  const log = [...state.log, result].slice(-KEPT_RESULTS);
  const passed = result.exitCode === 0 && result.endedAt - result.startedAt <= config.timeoutMs;
  if (passed) return { ...state, status: 'healthy', failingStreak: 0, log };
  if (inStartPeriod(state, config, result.startedAt)) return { ...state, log };
  const failingStreak = state.failingStreak + 1;
  const status = failingStreak >= config.retries ? 'unhealthy' : state.status;
  return { ...state, status, failingStreak, log };
}

/** How long to wait before the next probe: start_interval inside the start period, else interval. */
export function nextProbeDelay(state: HealthState, config: HealthConfig, now: number): number {
  return inStartPeriod(state, config, now) ? config.startIntervalMs : config.intervalMs;
}

/** The newest probe's output, for errors such as "web is unhealthy: <output>". */
export function lastProbeOutput(state: HealthState): string | undefined {
  return state.log.at(-1)?.output;
}
