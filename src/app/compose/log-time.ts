/**
 * The times `logs --since/--until` take, as Docker reads them: RFC 3339 (`2026-11-29T01:02:03Z`, a date
 * alone), Unix seconds (`1732842123.5`), or a duration back from now (`10m`, `1h30m`, `42s`). Pure: the
 * clock is an argument.
 */
import { BerthError } from '../../errors/index.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** The instant `text` names, relative durations counted back from `now`. */
export function parseLogTime(text: string, now: Date, flag: string): Date {
  const value = text.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return new Date(Number(value) * 1000);
  const duration = parseDuration(value);
  if (duration !== undefined) return new Date(now.getTime() - duration);
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    const date = new Date(value.includes('T') || value.includes(' ') ? value.replace(' ', 'T') : `${value}T00:00:00Z`);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new BerthError('invalid', 'logs.bad-time', `${flag} ${text} is not a time`, {
    hint: 'give an RFC 3339 time (2026-11-29T01:02:03Z), Unix seconds, or a duration like 10m or 1h30m',
  });
}

function parseDuration(value: string): number | undefined {
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(value)) return undefined;
  let total = 0;
  for (const [, n, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(n) * UNITS[unit!]!;
  return total;
}
