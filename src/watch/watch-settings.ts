/**
 * berth's watch settings from the project's `x-berth` extension: `x-berth: {watch: {debounce: 80ms,
 * max_wait: 2s}}`. Durations use Compose syntax (`80ms`, `1.5s`; a bare number is seconds). Absent keys
 * keep the defaults; anything else is an `invalid` error naming the key.
 */
import { BerthError } from '../errors/index.js';
import { parseDuration } from '../spec/duration.js';
import { DEFAULT_DEBOUNCE_MS, DEFAULT_MAX_WAIT_MS, type DebounceOptions } from './debounce.js';

const KNOWN_KEYS = new Set(['debounce', 'max_wait']);

/** The debounce options from the raw `x-berth` value of a project (any JSON value, or undefined). */
export function watchSettings(xBerth: unknown): DebounceOptions {
  const watch = isRecord(xBerth) ? xBerth['watch'] : undefined;
  if (watch === undefined || watch === null) return { quietMs: DEFAULT_DEBOUNCE_MS, maxWaitMs: DEFAULT_MAX_WAIT_MS };
  if (!isRecord(watch)) throw invalid('x-berth.watch', 'must be a mapping', 'write `x-berth: {watch: {debounce: 80ms}}`');
  for (const key of Object.keys(watch)) {
    if (!KNOWN_KEYS.has(key)) throw invalid(`x-berth.watch.${key}`, 'is not a known setting', 'use `debounce` or `max_wait`');
  }
  const quietMs = durationMs(watch['debounce'], 'x-berth.watch.debounce') ?? DEFAULT_DEBOUNCE_MS;
  const maxWaitMs = durationMs(watch['max_wait'], 'x-berth.watch.max_wait') ?? Math.max(DEFAULT_MAX_WAIT_MS, quietMs);
  if (maxWaitMs < quietMs) throw invalid('x-berth.watch.max_wait', `(${maxWaitMs} ms) is shorter than debounce (${quietMs} ms)`, 'set max_wait to at least the debounce period');
  return { quietMs, maxWaitMs };
}

function durationMs(value: unknown, key: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed = typeof value === 'string' || typeof value === 'number' ? parseDuration(value) : undefined;
  if (parsed === undefined) throw invalid(key, `value ${JSON.stringify(value)} is not a duration`, 'write a duration such as `80ms` or `1.5s`');
  return parsed.milliseconds;
}

function invalid(key: string, problem: string, hint: string): BerthError {
  return new BerthError('invalid', 'watch.invalid-setting', `watch setting ${key} ${problem}`, { hint });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
