/** Integer option values, checked once for every verb (`--index 2`, `-t 10`, `--tail 5`). */
import { BerthError } from '../errors/index.js';

/** `value` as an integer ≥ `min`, or undefined when the option was not given. */
export function intOption(value: string | undefined, flag: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim()) || Number(value) < min) {
    throw new BerthError('invalid', 'cli.bad-number', `${flag} ${value} is not a whole number of at least ${min}`, { hint: `give ${flag} a number like ${Math.max(min, 1)}` });
  }
  return Number(value);
}
