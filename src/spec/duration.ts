/**
 * Byte sizes and durations in Compose syntax. Durations are Go-style (`1m30s`, `500ms`, `2h`) and
 * print back the way Go prints them; byte sizes take `b k kb m mb g gb` (case-insensitive, powers of 1024).
 */

/** A length of time, kept in nanoseconds; prints (and serialises to JSON) in Go's format. */
export class Duration {
  constructor(readonly nanoseconds: number) {}

  /** The duration in milliseconds. */
  get milliseconds(): number {
    return this.nanoseconds / 1e6;
  }

  toJSON(): string {
    return formatDuration(this.nanoseconds);
  }

  toString(): string {
    return formatDuration(this.nanoseconds);
  }
}

const DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Parses `1m30s` (or a bare number of seconds); undefined when the text is not a duration. */
export function parseDuration(text: string | number): Duration | undefined {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? new Duration(Math.round(text * 1e9)) : undefined;
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return new Duration(Math.round(Number(trimmed) * 1e9));
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const m of trimmed.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * DURATION_UNITS[m[2]!]!;
  return new Duration(Math.round(total));
}

/** Go's time.Duration.String(): `1m30s`, `1.5s`, `500ms`, `0s`. */
export function formatDuration(ns: number): string {
  if (ns === 0) return '0s';
  if (ns < 1e3) return `${ns}ns`;
  if (ns < 1e6) return `${trim(ns / 1e3)}µs`;
  if (ns < 1e9) return `${trim(ns / 1e6)}ms`;
  const hours = Math.floor(ns / 3600e9);
  const minutes = Math.floor((ns % 3600e9) / 60e9);
  const seconds = (ns % 60e9) / 1e9;
  return `${hours > 0 ? `${hours}h` : ''}${hours > 0 || minutes > 0 ? `${minutes}m` : ''}${trim(seconds)}s`;
}

function trim(n: number): string {
  return String(Number(n.toFixed(9)));
}

const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, t: 1024 ** 4, tb: 1024 ** 4 };

/** Parses `512m`, `1gb`, `1024` into a number of bytes; undefined when the text is not a size. */
export function parseByteSize(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isInteger(text) && text >= 0 ? text : undefined;
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const factor = m === null ? undefined : BYTE_UNITS[m[2]!.toLowerCase()];
  if (m === null || factor === undefined) return undefined;
  return Math.round(Number(m[1]) * factor);
}
