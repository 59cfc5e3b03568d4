import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH, initialHealth, lastProbeOutput, nextProbeDelay, recordProbe, type HealthState } from './health-state.js';

const config = { ...DEFAULT_HEALTH, intervalMs: 1000, timeoutMs: 500, retries: 2, startPeriodMs: 3000, startIntervalMs: 100 };
const probe = (at: number, exitCode: number, output = '', took = 10) => ({ startedAt: at, endedAt: at + took, exitCode, output });
const run = (state: HealthState, ...results: ReturnType<typeof probe>[]) => results.reduce((s, r) => recordProbe(s, config, r), state);

describe('health state', () => {
  it('starts as starting, whatever an earlier run said', () => {
    expect(initialHealth(0)).toMatchObject({ status: 'starting', failingStreak: 0, log: [] });
  });

  it('ignores failures inside the start period and turns healthy on the first success', () => {
    const s = run(initialHealth(0), probe(100, 1), probe(200, 1), probe(300, 1));
    expect(s.status).toBe('starting');
    expect(run(s, probe(400, 0)).status).toBe('healthy');
  });

  it('turns unhealthy after `retries` consecutive failures once the start period is over', () => {
    const s = run(initialHealth(0), probe(3000, 1), probe(4000, 1, 'connection refused'));
    expect(s.status).toBe('unhealthy');
    expect(lastProbeOutput(s)).toBe('connection refused');
  });

  it('counts a probe past its timeout as a failure', () => {
    const s = run(initialHealth(0), probe(0, 0), probe(5000, 0, '', 600), probe(6000, 0, '', 600));
    expect(s.status).toBe('unhealthy');
  });

  it('recovers from unhealthy on a success and resets the streak', () => {
    const s = run(initialHealth(0), probe(3000, 1), probe(4000, 1), probe(5000, 0));
    expect(s).toMatchObject({ status: 'healthy', failingStreak: 0 });
  });

  it('probes at start_interval during the start period, then at interval', () => {
    expect(nextProbeDelay(initialHealth(0), config, 100)).toBe(100);
    expect(nextProbeDelay(initialHealth(0), config, 3000)).toBe(1000);
  });

  it('keeps the last five results', () => {
    const s = run(initialHealth(0), ...[0, 1, 2, 3, 4, 5, 6].map((i) => probe(i * 10, 0, String(i))));
    expect(s.log.map((r) => r.output)).toEqual(['2', '3', '4', '5', '6']);
  });
});
