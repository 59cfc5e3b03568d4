/**
 * Docker's word expansion (BuildKit's shell lexer, ProcessWord): quotes are removed, the escape
 * character escapes the next character (inside double quotes only `"`, `$` and itself), and `$VAR`,
 * `${VAR}`, `${VAR:-w}`, `${VAR-w}`, `${VAR:+w}`, `${VAR+w}`, `${VAR:?m}`, `${VAR?m}` are replaced.
 * No word splitting, no globbing, no command substitution: the result is one string.
 */

/** Looks a variable up; undefined means unset. */
export type VariableLookup = (name: string) => string | undefined;

/** A substitution that cannot be done, with Docker's wording. */
export class SubstitutionProblem extends Error {}

/** Expands one word against `lookup`, with `escape` as the escape character. */
export function expandWord(word: string, lookup: VariableLookup, escape = '\\'): string {
  return new Lexer(word, lookup, escape, false).until(undefined);
}

/**
 * Expands variables in a heredoc body as a shell does in an unquoted heredoc: quotes stay literal and
 * the escape character only escapes `$` and itself.
 */
export function expandHeredoc(body: string, lookup: VariableLookup, escape = '\\'): string {
  return new Lexer(body, lookup, escape, true).until(undefined);
}

class Lexer {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly lookup: VariableLookup,
    private readonly escape: string,
    private readonly literalQuotes: boolean,
  ) {}

  /** Reads up to `stop` (consumed) or the end; a missing `stop` is an error. */
  until(stop: string | undefined): string {
    let out = '';
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos]!;
      if (stop !== undefined && ch === stop) {
        this.pos++;
        return out;
      }
      if (ch === "'" && !this.literalQuotes) out += this.singleQuoted();
      else if (ch === '"' && !this.literalQuotes) out += this.doubleQuoted();
      else if (ch === '$') out += this.dollar();
      else out += this.plain(ch);
    }
    if (stop !== undefined) throw new SubstitutionProblem(`missing '${stop}'`);
    return out;
  }

  private plain(ch: string): string {
    this.pos++;
    if (ch !== this.escape) return ch;
    const next = this.text[this.pos];
    if (next === undefined) return this.literalQuotes ? ch : '';
    if (this.literalQuotes && next !== '$' && next !== ch) return ch;
    this.pos++;
    return next;
  }

  private singleQuoted(): string {
    const end = this.text.indexOf("'", this.pos + 1);
    if (end < 0) throw new SubstitutionProblem('unterminated single quote');
    const out = this.text.slice(this.pos + 1, end);
    this.pos = end + 1;
    return out;
  }

  private doubleQuoted(): string {
    let out = '';
    this.pos++;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos]!;
      if (ch === '"') {
        this.pos++;
        return out;
      }
      if (ch === '$') {
        out += this.dollar();
        continue;
      }
      this.pos++;
      const next = this.text[this.pos];
      if (ch === this.escape && (next === '"' || next === '$' || next === this.escape)) {
        out += next;
        this.pos++;
      } else if (!(ch === this.escape && next === undefined)) out += ch;
    }
    throw new SubstitutionProblem('unterminated double quote');
  }

  private dollar(): string {
    this.pos++;
    if (this.text[this.pos] !== '{') {
      const name = this.name();
      return name === '' ? '$' : (this.lookup(name) ?? '');
    }
    this.pos++;
    const first = this.text[this.pos];
    if (first === undefined) throw new SubstitutionProblem("missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new SubstitutionProblem('bad substitution');
    const name = this.name();
    const op = this.text[this.pos++];
    if (op === '}') return this.lookup(name) ?? '';
    if (op === ':') return this.modifier(name, this.text[this.pos++], true);
    return this.modifier(name, op, false);
  }

  private modifier(name: string, op: string | undefined, emptyIsUnset: boolean): string {
    if (op === undefined) throw new SubstitutionProblem("missing '}'");
    if (op !== '-' && op !== '+' && op !== '?') throw new SubstitutionProblem(`unsupported modifier (${emptyIsUnset ? ':' : ''}${op}) in substitution of ${name}`);
    const word = this.until('}');
    const value = this.lookup(name);
    const unset = value === undefined || (emptyIsUnset && value === '');
    if (op === '-') return unset ? word : value;
    if (op === '+') return unset ? '' : word;
    if (unset) throw new SubstitutionProblem(`${name}: ${word !== '' ? word : value === undefined ? 'is not allowed to be unset' : 'is not allowed to be empty'}`);
    return value;
  }

  /** A variable name: letters, digits and `_`; a leading digit reads digits only. */
  private name(): string {
    const match = /^(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(this.text.slice(this.pos));
    const name = match?.[1] ?? '';
    this.pos += name.length;
    return name;
  }
}
