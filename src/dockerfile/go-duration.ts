/**
 * Go duration strings (`30s`, `1m30s`, `1.5h`, `500ms`) as HEALTHCHECK flags take them, in nanoseconds.
 */

const UNITS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Nanoseconds of a Go duration, or undefined when the text is not one. */
export function parseGoDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const parts = /^(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h)/;
  let rest = text;
  let total = 0;
  if (rest === '') return undefined;
  while (rest !== '') {
    const match = parts.exec(rest);
    if (match === null) return undefined;
    const unit = /(ns|us|µs|ms|s|m|h)$/.exec(match[0])![1]!;
    total += Number.parseFloat(match[0].slice(0, -unit.length)) * UNITS[unit]!;
    rest = rest.slice(match[0].length);
  }
  return Math.round(total);
}
