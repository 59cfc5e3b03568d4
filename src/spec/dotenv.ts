/**
 * Phase 3, dotenv: the `.env` / `--env-file` / `env_file` grammar. `KEY=value` lines, `#` comments, an
 * optional `export `, single quotes literal, double quotes with `\n \r \t \\ \"` escapes, inline comments
 * after unquoted values (preceded by a space), interpolation in unquoted and double-quoted values against
 * earlier keys then the given lookup. A bare `KEY` takes its value from the lookup, or is left out.
 */
import { BerthError } from '../errors/index.js';
import { expandTemplate, TemplateError, type Lookup } from './template.js';

/** Parses an env file's text into ordered entries. `raw` keeps values verbatim (env_file `format: raw`). */
export function parseDotenv(text: string, file: string, lookup: Lookup, raw = false): Map<string, string> {
  const out = new Map<string, string>();
  const scoped: Lookup = (name) => out.get(name) ?? lookup(name);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const body = line.replace(/^export\s+/, '');
    const eq = body.indexOf('=');
    const key = (eq < 0 ? body : body.slice(0, eq)).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) throw dotenvError(file, i + 1, lines[i]!, `"${key}" is not a valid variable name`);
    if (eq < 0) {
      const inherited = lookup(key);
      if (inherited !== undefined) out.set(key, inherited);
      continue;
    }
    const start = body.slice(eq + 1).trimStart();
    if (raw) {
      out.set(key, body.slice(eq + 1));
      continue;
    }
    const { value, consumed } = readValue(start, lines, i, file);
    i += consumed;
    out.set(key, value.quote === "'" ? value.text : expand(value.text, scoped, file, i + 1, lines[i]!));
  }
  return out;
}

interface RawValue {
  text: string;
  quote: '' | "'" | '"';
}

function readValue(start: string, lines: string[], index: number, file: string): { value: RawValue; consumed: number } {
  const quote = start[0];
  if (quote !== "'" && quote !== '"') return { value: { text: stripComment(start), quote: '' }, consumed: 0 };
  let text = start.slice(1);
  let consumed = 0;
  for (;;) {
    const end = closingQuote(text, quote);
    if (end >= 0) {
      const inner = text.slice(0, end);
      return { value: { text: quote === '"' ? unescape(inner) : inner, quote }, consumed };
    }
    consumed += 1;
    const next = lines[index + consumed];
    if (next === undefined) throw dotenvError(file, index + 1, lines[index]!, `the ${quote === '"' ? 'double' : 'single'} quote is never closed`);
    text += `\n${next}`;
  }
}

function closingQuote(text: string, quote: string): number {
  for (let i = 0; i < text.length; i += 1) {
    if (quote === '"' && text[i] === '\\') i += 1;
    else if (text[i] === quote) return i;
  }
  return -1;
}

function stripComment(value: string): string {
  const hash = value.search(/\s#/);
  return (hash < 0 ? value : value.slice(0, hash)).trim();
}

function unescape(text: string): string {
  const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', $: '$$' };
  return text.replace(/\\(.)/g, (whole, c: string) => map[c] ?? whole);
}

function expand(text: string, lookup: Lookup, file: string, line: number, lineText: string): string {
  try {
    return expandTemplate(text, lookup);
  } catch (error) {
    if (error instanceof TemplateError) throw dotenvError(file, line, lineText, error.message);
    throw error;
  }
}

function dotenvError(file: string, line: number, lineText: string, reason: string): BerthError {
  return new BerthError('invalid', 'spec.env-file', `invalid env file ${file}: ${reason}`, {
    location: { file, line, col: 1, lineText, length: lineText.length },
    hint: 'write one KEY=value per line; quote values that contain spaces or #',
  });
}
