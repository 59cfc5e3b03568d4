import { describe, expect, it } from 'vitest';
import { parseLogTime } from './log-time.js';

const NOW = new Date('2026-11-29T02:00:00.000Z');

describe('parseLogTime', () => {
  it('reads RFC 3339 times, dates alone and Unix seconds', () => {
    expect(parseLogTime('2026-11-29T01:02:03Z', NOW, '--since').toISOString()).toBe('2026-11-29T01:02:03.000Z');
    expect(parseLogTime('2026-11-29T01:02:03.250+01:00', NOW, '--since').toISOString()).toBe('2026-11-29T00:02:03.250Z');
    expect(parseLogTime('2026-11-28', NOW, '--since').toISOString()).toBe('2026-11-28T00:00:00.000Z');
    expect(parseLogTime('1764378000.5', NOW, '--since').toISOString()).toBe('2025-11-29T01:00:00.500Z');
  });

  it('counts durations back from now', () => {
    expect(parseLogTime('10m', NOW, '--since').toISOString()).toBe('2026-11-29T01:50:00.000Z');
    expect(parseLogTime('1h30m', NOW, '--since').toISOString()).toBe('2026-11-29T00:30:00.000Z');
    expect(parseLogTime('1.5s', NOW, '--until').toISOString()).toBe('2026-11-29T01:59:58.500Z');
  });

  it('names the flag and the forms it takes when the text is no time', () => {
    expect(() => parseLogTime('yesterday', NOW, '--until')).toThrow(expect.objectContaining({ code: 'logs.bad-time', message: '--until yesterday is not a time' }));
    expect(() => parseLogTime('10x', NOW, '--since')).toThrow(expect.objectContaining({ code: 'logs.bad-time' }));
  });
});
