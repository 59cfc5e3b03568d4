/**
 * Scalars for the fast YAML reader: plain scalars resolved by the YAML 1.2 core schema exactly as the `yaml`
 * package resolves them (plus yaml-load.ts's `0755` octal rule), single-line quoted scalars, and `|`/`>`
 * block scalars with clip or strip chomping. Anything rarer declines.
 */
import { decline, lineEnd, restIsEmpty, type Reader } from './yaml-fast-reader.js';
import type { Scalar } from './tree.js';

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const MAYBE_SPECIAL = /^[-+.0-9~nNtTfF]/;

/** A plain scalar's value under the core schema, in the `yaml` package's order of tests. */
export function resolvePlain(raw: string): Scalar {
  if (!MAYBE_SPECIAL.test(raw)) return raw === '' ? null : raw;
  if (NULL.test(raw)) return null;
  if (BOOL.test(raw)) return raw[0] === 't' || raw[0] === 'T';
  if (INT_OCT.test(raw)) return parseInt(raw.substring(2), 8);
  if (INT.test(raw)) return parseInt(raw, 10);
  if (INT_HEX.test(raw)) return parseInt(raw.substring(2), 16);
  if (FLOAT_NAN.test(raw)) return raw.slice(-3).toLowerCase() === 'nan' ? NaN : raw[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(raw) || FLOAT.test(raw)) return parseFloat(raw);
  return raw;
}

/** A plain scalar as yaml-load.ts converts a value: numbers written `0755` are octal; tagged ones stay text. */
export function plainValue(raw: string, tagged: boolean): Scalar {
  if (tagged) return raw;
  const value = resolvePlain(raw);
  if (typeof value === 'number' && /^0[0-7]+$/.test(raw)) return parseInt(raw, 8);
  return value;
}

/** A plain scalar as yaml-load.ts converts a mapping key. */
export function plainKey(raw: string): string {
  return String(resolvePlain(raw) ?? '');
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

/** A double-quoted scalar on one line starting at `pos`: its value and the offset after the closing quote. */
export function readDoubleQuoted(r: Reader, pos: number): { value: string; end: number } {
  const text = r.text;
  let value = '';
  let i = pos + 1;
  let from = i;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 34) break;
    if (c === 10 || i >= text.length) decline();
    if (c !== 92) {
      i += 1;
      continue;
    }
    value += text.slice(from, i);
    const e = text[i + 1]!;
    const hex = HEX_LENGTH[e];
    if (hex !== undefined) {
      const digits = text.slice(i + 2, i + 2 + hex);
      if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== hex) decline();
      const code = parseInt(digits, 16);
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) decline();
      value += String.fromCodePoint(code);
      i += 2 + hex;
    } else {
      const plain = ESCAPES[e];
      if (plain === undefined) decline();
      value += plain;
      i += 2;
    }
    from = i;
  }
  return { value: value + text.slice(from, i), end: i + 1 };
}

/** A single-quoted scalar on one line starting at `pos`: its value and the offset after the closing quote. */
export function readSingleQuoted(r: Reader, pos: number): { value: string; end: number } {
  const text = r.text;
  let value = '';
  let i = pos + 1;
  for (;;) {
    const close = text.indexOf("'", i);
    const newline = text.indexOf('\n', i);
    if (close === -1 || (newline !== -1 && newline < close)) decline();
    value += text.slice(i, close);
    if (text.charCodeAt(close + 1) !== 39) return { value, end: close + 1 };
    value += "'";
    i = close + 2;
  }
}

/** A block plain scalar at `pos` running to the end of its line or a comment: its raw text and end. */
export function scanBlockPlain(r: Reader, pos: number): { raw: string; end: number } {
  const text = r.text;
  const stop = lineEnd(r, pos);
  let end = pos;
  for (let i = pos; i < stop; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 35 && text.charCodeAt(i - 1) === 32) break;
    if (c === 58 && (i + 1 === stop || text.charCodeAt(i + 1) === 32)) decline();
    if (c !== 32) end = i + 1;
  }
  return { raw: text.slice(pos, end), end };
}

/** A `|` or `>` block scalar whose header is at `pos`, under a parent at `parentIndent`. */
export function readBlockScalar(r: Reader, pos: number, parentIndent: number): { value: string; end: number; next: number } {
  const text = r.text;
  const folded = text[pos] === '>';
  let at = pos + 1;
  const strip = text[at] === '-';
  if (strip) at += 1;
  if (text.charCodeAt(at) !== 32 && text.charCodeAt(at) !== 10 && at < text.length) decline();
  if (!restIsEmpty(r, at)) decline();
  const lines: string[] = [];
  let line = lineEnd(r, at) + 1;
  let indent = -1;
  let end = line;
  while (line < text.length) {
    const stop = lineEnd(r, line);
    let spaces = 0;
    while (text.charCodeAt(line + spaces) === 32) spaces += 1;
    const blank = line + spaces === stop;
    if (indent === -1) {
      if (blank) decline();
      if (spaces <= parentIndent) decline();
      indent = spaces;
    }
    if (blank) {
      if (spaces > indent) decline();
      lines.push('');
    } else if (spaces < indent) break;
    else {
      if (stop >= text.length) decline();
      lines.push(text.slice(line + indent, stop));
      end = stop + 1;
    }
    line = stop + 1;
  }
  if (indent === -1) decline();
  while (lines[lines.length - 1] === '') lines.pop();
  const body = folded ? fold(lines) : lines.join('\n');
  return { value: strip ? body : `${body}\n`, end, next: end };
}

function fold(lines: string[]): string {
  let out = lines[0]!;
  let empties = 0;
  for (let i = 1; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (line === '') {
      empties += 1;
      continue;
    }
    out += empties === 0 ? ` ${line}` : '\n'.repeat(empties) + line;
    empties = 0;
  }
  if (lines.some((l) => l.startsWith(' '))) decline();
  return out;
}
