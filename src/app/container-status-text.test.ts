import { describe, expect, it } from 'vitest';
import { humanDuration, statusText } from './container-status-text.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const at = (ms: number): string => new Date(T0 + ms).toISOString();

describe('humanDuration', () => {
  it('rounds as Docker does', () => {
    expect(humanDuration(400)).toBe('Less than a second');
    expect(humanDuration(1_000)).toBe('1 second');
    expect(humanDuration(59_999)).toBe('59 seconds');
    expect(humanDuration(90_000)).toBe('About a minute');
    expect(humanDuration(150_000)).toBe('2 minutes');
    expect(humanDuration(3_600_000)).toBe('About an hour');
    expect(humanDuration(5 * 3_600_000)).toBe('5 hours');
    expect(humanDuration(3 * 86_400_000)).toBe('3 days');
  });
});

describe('statusText', () => {
  const base = { health: undefined, exitCode: undefined, startedAt: at(0), finishedAt: undefined };
  it('says Up with the health in brackets', () => {
    expect(statusText({ ...base, state: 'running' }, T0 + 3_000)).toBe('Up 3 seconds');
    expect(statusText({ ...base, state: 'running', health: 'healthy' }, T0 + 3_000)).toBe('Up 3 seconds (healthy)');
    expect(statusText({ ...base, state: 'running', health: 'starting' }, T0 + 3_000)).toBe('Up 3 seconds (health: starting)');
    expect(statusText({ ...base, state: 'paused' }, T0 + 120_000)).toBe('Up 2 minutes (Paused)');
  });
  it('says how long ago a container exited, with its code', () => {
    expect(statusText({ ...base, state: 'exited', exitCode: 3, finishedAt: at(1_000) }, T0 + 3_000)).toBe('Exited (3) 2 seconds ago');
    expect(statusText({ ...base, state: 'created', startedAt: undefined }, T0)).toBe('Created');
  });
});
