/**
 * Restart policies as Docker's engine applies them, as pure decisions: whether a container that exited
 * is started again, and after how long (moby's restart manager: 100 ms doubling to 1 min, reset once the
 * container ran at least 10 s). The supervisor owns the clock and the timers; this file owns the rules.
 */

/** A service's restart policy, from `restart:` or `deploy.restart_policy`. */
export type RestartPolicy =
  | { kind: 'no' }
  | { kind: 'always' }
  | { kind: 'unless-stopped' }
  | { kind: 'on-failure'; maxRetries: number | undefined };

/** What the supervisor knows when a container exits. */
export interface ExitFacts {
  exitCode: number;
  /** The user stopped it (`stop`, `down`, Ctrl-C): never restarted, whatever the policy. */
  stoppedByUser: boolean;
  /** Restarts done so far in this streak (reset by a long enough run). */
  restartCount: number;
}

export const BACKOFF_START_MS = 100;
export const BACKOFF_MAX_MS = 60_000;
/** A run at least this long resets the back-off and the restart count. */
export const BACKOFF_RESET_AFTER_MS = 10_000;

/** Parses Compose's `restart:` value (`no`, `always`, `on-failure[:N]`, `unless-stopped`). */
export function parseRestartPolicy(value: string | undefined): RestartPolicy {
  if (value === undefined || value === 'no' || value === '"no"') return { kind: 'no' };
  if (value === 'always' || value === 'unless-stopped') return { kind: value };
  const onFailure = /^on-failure(?::(\d+))?$/.exec(value);
  if (onFailure !== null) {
    return { kind: 'on-failure', maxRetries: onFailure[1] === undefined ? undefined : Number(onFailure[1]) };
  }
  throw new RangeError(`unknown restart policy "${value}"`);
}

/** Whether the exited container is started again. */
export function shouldRestart(policy: RestartPolicy, facts: ExitFacts): boolean {
  if (facts.stoppedByUser) return false;
  switch (policy.kind) {
    case 'no':
      return false;
    case 'always':
    case 'unless-stopped':
      return true;
    case 'on-failure':
      return facts.exitCode !== 0 && (policy.maxRetries === undefined || facts.restartCount < policy.maxRetries);
  }
}

/** The delay before the next start: doubles per restart in a streak, capped at one minute. */
export function backoffDelay(restartCount: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** Math.min(restartCount, 20));
}

/** The restart count to carry on after a run of `ranForMs`: a long run starts a new streak. */
export function nextRestartCount(restartCount: number, ranForMs: number): number {
  return ranForMs >= BACKOFF_RESET_AFTER_MS ? 0 : restartCount;
}
