import { describe, expect, it } from 'vitest';
import { backoffDelay, nextRestartCount, parseRestartPolicy, shouldRestart } from './restart-policy.js';

const exit = (exitCode: number, restartCount = 0, stoppedByUser = false) => ({ exitCode, restartCount, stoppedByUser });

describe('restart policy', () => {
  it('parses every Compose form', () => {
    expect(parseRestartPolicy(undefined)).toEqual({ kind: 'no' });
    expect(parseRestartPolicy('no')).toEqual({ kind: 'no' });
    expect(parseRestartPolicy('always')).toEqual({ kind: 'always' });
    expect(parseRestartPolicy('unless-stopped')).toEqual({ kind: 'unless-stopped' });
    expect(parseRestartPolicy('on-failure')).toEqual({ kind: 'on-failure', maxRetries: undefined });
    expect(parseRestartPolicy('on-failure:3')).toEqual({ kind: 'on-failure', maxRetries: 3 });
    expect(() => parseRestartPolicy('sometimes')).toThrow(/unknown restart policy/);
  });

  it('never restarts what the user stopped', () => {
    expect(shouldRestart({ kind: 'always' }, exit(1, 0, true))).toBe(false);
  });

  it('restarts always and unless-stopped on any exit, never with no', () => {
    expect(shouldRestart({ kind: 'always' }, exit(0))).toBe(true);
    expect(shouldRestart({ kind: 'unless-stopped' }, exit(0))).toBe(true);
    expect(shouldRestart({ kind: 'no' }, exit(1))).toBe(false);
  });

  it('restarts on-failure only on non-zero exits and within its retries', () => {
    expect(shouldRestart({ kind: 'on-failure', maxRetries: undefined }, exit(0))).toBe(false);
    expect(shouldRestart({ kind: 'on-failure', maxRetries: 2 }, exit(1, 1))).toBe(true);
    expect(shouldRestart({ kind: 'on-failure', maxRetries: 2 }, exit(1, 2))).toBe(false);
  });

  it('backs off from 100 ms, doubling, capped at one minute, reset after 10 s up', () => {
    expect([0, 1, 2, 3].map(backoffDelay)).toEqual([100, 200, 400, 800]);
    expect(backoffDelay(30)).toBe(60_000);
    expect(nextRestartCount(5, 9_999)).toBe(5);
    expect(nextRestartCount(5, 10_000)).toBe(0);
  });
});
