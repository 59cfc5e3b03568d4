/**
 * What canonicalisation needs, and its casting helpers. Values that came from interpolation may still be
 * strings (`"3"`, `"true"`); these helpers cast them to the type the attribute has, and fail with the
 * attribute's path, location and the syntax it expects.
 */
import { BerthError } from '../errors/index.js';
import { parseByteSize, parseDuration, type Duration } from './duration.js';
import { formatPath, type Locator, type ModelPath } from './locator.js';
import type { ReadText } from './load-context.js';
import type { Lookup } from './template.js';
import { isMap, isScalar, isSeq, scalarText, type Tree } from './tree.js';
import type { WarningSink } from './warnings.js';

/** The inputs of canonicalisation. */
export interface CanonicalContext {
  projectName: string;
  projectDir: string;
  locate: Locator;
  lookup: Lookup;
  readText: ReadText;
  display: (path: string) => string;
  warnings: WarningSink;
  home: string | undefined;
}

/** An `invalid` error located at a model path. */
export function invalidAt(ctx: CanonicalContext, path: ModelPath, code: string, message: string, hint: string): BerthError {
  return new BerthError('invalid', code, message, { location: ctx.locate(path), hint });
}

/** A boolean from `true`/`false` (or the strings interpolation leaves). */
export function toBool(ctx: CanonicalContext, value: Tree, path: ModelPath): boolean {
  if (typeof value === 'boolean') return value;
  const text = scalarText(value as string).toLowerCase();
  if (['true', 'yes', 'y', 'on', '1'].includes(text)) return true;
  if (['false', 'no', 'n', 'off', '0', ''].includes(text)) return false;
  throw invalidAt(ctx, path, 'spec.invalid-boolean', `${formatPath(path)} must be true or false, not "${scalarText(value as string)}"`, 'write true or false');
}

/** A number (integer unless `float`). */
export function toNumber(ctx: CanonicalContext, value: Tree, path: ModelPath, float = false): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (Number.isFinite(n) && (float || Number.isInteger(n))) return n;
  const kind = float ? 'a number' : 'a whole number';
  throw invalidAt(ctx, path, 'spec.invalid-number', `${formatPath(path)} must be ${kind}, not "${scalarText(value as string)}"`, `write ${kind}, e.g. ${float ? '0.5' : '3'}`);
}

/** A byte size such as `512m`. */
export function toBytes(ctx: CanonicalContext, value: Tree, path: ModelPath): number {
  const n = typeof value === 'number' || typeof value === 'string' ? parseByteSize(value) : undefined;
  if (n !== undefined) return n;
  throw invalidAt(ctx, path, 'spec.invalid-byte-size', `${formatPath(path)} is not a byte size: "${scalarText(value as string)}"`, 'write a number with an optional unit b, k, m or g (e.g. 512m, 1g)');
}

/** A duration such as `1m30s`. */
export function toDuration(ctx: CanonicalContext, value: Tree, path: ModelPath): Duration {
  const d = typeof value === 'number' || typeof value === 'string' ? parseDuration(value) : undefined;
  if (d !== undefined) return d;
  throw invalidAt(ctx, path, 'spec.invalid-duration', `${formatPath(path)} is not a duration: "${scalarText(value as string)}"`, 'write numbers with units us, ms, s, m or h (e.g. 30s, 1m30s)');
}

/** A string from any scalar. */
export function toText(value: Tree): string {
  return isScalar(value) ? scalarText(value) : JSON.stringify(value);
}

/** A list of strings from a string or a list. */
export function toTextList(value: Tree): string[] {
  return (isSeq(value) ? value : [value]).filter((v) => v !== null).map(toText);
}

/** A mapping of strings from a mapping or a `KEY=VALUE` list; null values are left out. */
export function toTextMap(value: Tree, separator: string | RegExp = '='): Record<string, string> {
  const out: Record<string, string> = {};
  if (isMap(value)) {
    for (const key of Object.keys(value).sort()) if (value[key] !== null) out[key] = toText(value[key]!);
  } else if (isSeq(value)) {
    for (const item of value.map(toText).sort()) {
      const at = item.search(separator);
      if (at >= 0) out[item.slice(0, at)] = item.slice(at + 1);
    }
  }
  return out;
}
