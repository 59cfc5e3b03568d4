/**
 * Parsing of the `berth runtime run` option values into runtime types: byte sizes (`64m`), ulimits
 * (`nofile=1024:2048`), env entries. Errors name the option and the value.
 */
import { BerthError } from '../errors/index.js';
import type { RlimitSpec } from '../runtime/container/index.js';

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** `64m`, `1g`, `512k`, `1048576` → bytes. */
export function parseByteSize(option: string, value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([bkmgt]?)i?b?$/i.exec(value.trim());
  if (m === null) {
    throw new BerthError('invalid', 'runtime.invalid-size', `option ${option}: ${JSON.stringify(value)} is not a size`, { hint: 'use a number with an optional unit: 64m, 1g, 512k' });
  }
  return Math.round(Number(m[1]) * UNITS[m[2]!.toLowerCase()]!);
}

/** A positive number option. */
export function parseNumber(option: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    throw new BerthError('invalid', 'runtime.invalid-number', `option ${option}: ${JSON.stringify(value)} is not a positive number`, { hint: `for example ${option} 2` });
  }
  return n;
}

/** `nofile=1024:2048` or `nofile=1024` → an rlimit. */
export function parseUlimit(value: string): RlimitSpec {
  const m = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(value);
  if (m === null) {
    throw new BerthError('invalid', 'runtime.invalid-ulimit', `option --ulimit: ${JSON.stringify(value)} is not NAME=SOFT[:HARD]`, { hint: 'for example --ulimit nofile=1024:2048' });
  }
  const soft = Number(m[2]);
  return { name: m[1]!, soft, hard: m[3] === undefined ? soft : Number(m[3]) };
}

/** `K=V` entries, checked; a bare `K` takes its value from `env`. */
export function parseEnv(values: readonly string[], env: NodeJS.ProcessEnv): string[] {
  return values.flatMap((v) => {
    if (v.includes('=')) return [v];
    const inherited = env[v];
    return inherited === undefined ? [] : [`${v}=${inherited}`];
  });
}
