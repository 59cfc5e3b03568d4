/**
 * The ways Docker splits an instruction's argument text: whitespace-separated words that keep their
 * quotes (for later substitution to remove), the legacy `KEY value` / modern `KEY=value …` pair forms
 * of ENV and LABEL, and the JSON (exec) form of command instructions.
 */

/** Words split at unquoted whitespace; quotes and escapes are kept for the substitution phase. */
export function splitWords(rest: string, escape: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote = '';
  let started = false;
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i]!;
    if (quote === '' && /\s/.test(ch)) {
      if (started) words.push(word);
      [word, started] = ['', false];
      continue;
    }
    started = true;
    if (ch === escape && quote !== "'") {
      if (i + 1 === rest.length) continue;
      word += ch + rest[++i]!;
      continue;
    }
    if (quote === '' && (ch === '"' || ch === "'")) quote = ch;
    else if (ch === quote) quote = '';
    word += ch;
  }
  if (started) words.push(word);
  return words;
}

/** ENV/LABEL pairs, or a message saying what is wrong with them. */
export function splitPairs(rest: string, escape: string): { pairs: { name: string; value: string }[] } | { problem: string } {
  const words = splitWords(rest, escape);
  const first = words[0];
  if (first === undefined) return { problem: 'needs at least one NAME=value pair' };
  if (!first.includes('=')) {
    const legacy = /^(\S+)\s+([\s\S]*)$/.exec(rest.trim());
    if (legacy === null) return { problem: `needs a value for '${first}': write ${first}=value` };
    return { pairs: [{ name: legacy[1]!, value: legacy[2]! }] };
  }
  const pairs: { name: string; value: string }[] = [];
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq < 0) return { problem: `'${word}' is not of the form NAME=value` };
    if (eq === 0) return { problem: `'${word}' has an empty name` };
    pairs.push({ name: word.slice(0, eq), value: word.slice(eq + 1) });
  }
  return { pairs };
}

/** The outcome of reading an argument text as a JSON array. */
export type JsonForm = { kind: 'json'; args: string[] } | { kind: 'text' } | { kind: 'bad'; problem: string };

/**
 * Reads `[ "a", "b" ]` as exec form. Like Docker, text that does not parse as JSON is shell form,
 * except text opening with `["` or `['`, which is taken as a broken exec form and refused.
 */
export function jsonForm(rest: string): JsonForm {
  const text = rest.trim();
  if (!text.startsWith('[')) return { kind: 'text' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return /^\[["']/.test(text) ? { kind: 'bad', problem: 'is not valid JSON' } : { kind: 'text' };
  }
  if (!Array.isArray(parsed)) return { kind: 'text' };
  if (!parsed.every((item): item is string => typeof item === 'string')) return { kind: 'bad', problem: 'must hold only strings' };
  return { kind: 'json', args: parsed };
}
