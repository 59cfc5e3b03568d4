/**
 * One .dockerignore pattern compiled as moby/patternmatcher does: cleaned like filepath.Clean, `*` and
 * `?` never cross `/`, `**` spans any number of directories (also none), `[…]` classes (`[^…]`
 * negates, as in moby's regexp), `\` escapes the next character; the regexp is anchored at both ends.
 * The pattern keeps its path components so a walker can ask whether it could match below a directory.
 */

/** A compiled pattern; `exclusion` is true for `!pattern` (re-include). */
export interface IgnorePattern {
  text: string;
  exclusion: boolean;
  regexp: RegExp;
  components: string[];
}

/** Cleans a slash path like Go's path.Clean: no empty, `.` or inner `..` components. */
export function cleanPath(path: string): string {
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part !== '..' || !rooted) out.push(part);
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined === '' ? '.' : joined;
}

/** Compiles a pattern (already trimmed, `!` included); returns a problem sentence when it is malformed. */
export function compilePattern(raw: string): IgnorePattern | string {
  const exclusion = raw.startsWith('!');
  const body = exclusion ? raw.slice(1).trim() : raw;
  if (body === '') return `'${raw}' excludes nothing: a '!' needs a pattern after it`;
  const text = cleanPath(body);
  const source = toRegExpSource(text);
  if (typeof source !== 'string' || source === '') return `'${raw}' is not a valid pattern: ${source === '' ? 'empty' : source.problem}`;
  return { text, exclusion, regexp: new RegExp(`^${source}$`, 's'), components: text.split('/') };
}

function toRegExpSource(pattern: string): string | { problem: string } {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*' && pattern[i + 1] === '*') {
      i++;
      if (pattern[i + 1] === '/') i++;
      out += i + 1 >= pattern.length ? '.*' : '(.*/)?';
    } else if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else if (ch === '\\') {
      if (i + 1 >= pattern.length) return { problem: 'it ends with an escape character' };
      out += escapeRegExp(pattern[++i]!);
    } else if (ch === '[') {
      const end = classEnd(pattern, i);
      if (end < 0) return { problem: "a '[' is never closed" };
      out += classSource(pattern.slice(i + 1, end));
      i = end;
    } else out += escapeRegExp(ch);
  }
  return out;
}

/** The index of the `]` closing the class opened at `start`, or -1. */
function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  return -1;
}

/** A character class passed to the regexp as moby does: `^` negates, other characters are members. */
function classSource(body: string): string {
  return `[${body.replace(/^(\^?)\]/, '$1\\]')}]`;
}

function escapeRegExp(ch: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch;
}
