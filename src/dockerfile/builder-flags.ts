/**
 * Instruction flags (`--from=build`, `--link`, `--mount=…`): the leading `--name[=value]` words of an
 * instruction, read with BuildKit's rules (quotes and backslashes removed, a lone `--` ends them) and
 * checked against the flags that instruction takes.
 */

/** A flag word as written, with its offset in the argument text. */
export interface RawFlag {
  name: string;
  value: string | undefined;
  at: number;
  length: number;
}

/** What a flag holds: a string, a boolean (`--link`, `--link=false`) or a repeatable list. */
export type FlagType = 'string' | 'bool' | 'list';

/** Parsed flag values by name. */
export interface FlagValues {
  strings: Map<string, string>;
  bools: Map<string, boolean>;
  lists: Map<string, string[]>;
}

/** Why a flag was refused, and where. */
export interface FlagProblem {
  code: 'unknown-flag' | 'flag-value';
  message: string;
  hint: string;
  flag: RawFlag;
}

/** Splits `args` into its leading flags and the rest, with the offset where the rest starts. */
export function extractFlags(args: string): { flags: RawFlag[]; rest: string; restAt: number } {
  const flags: RawFlag[] = [];
  let pos = 0;
  for (;;) {
    while (pos < args.length && /\s/.test(args[pos]!)) pos++;
    if (!args.startsWith('--', pos)) return { flags, rest: args.slice(pos), restAt: pos };
    const { word, end } = flagWord(args, pos);
    if (word === '--') {
      const after = args.slice(end);
      return { flags, rest: after.trimStart(), restAt: end + after.length - after.trimStart().length };
    }
    const eq = word.indexOf('=');
    flags.push({ name: (eq < 0 ? word : word.slice(0, eq)).slice(2), value: eq < 0 ? undefined : word.slice(eq + 1), at: pos, length: end - pos });
    pos = end;
  }
}

/** One flag word from `start`: quotes and escapes removed; `end` is the offset after it. */
function flagWord(args: string, start: number): { word: string; end: number } {
  let word = '';
  let quote = '';
  let pos = start;
  for (; pos < args.length; pos++) {
    const ch = args[pos]!;
    if (quote === '' && /\s/.test(ch)) break;
    if (quote === '' && (ch === '"' || ch === "'")) quote = ch;
    else if (ch === quote) quote = '';
    else if (ch === '\\' && pos + 1 < args.length) word += args[++pos];
    else if (ch !== '\\') word += ch;
  }
  return { word, end: pos };
}

/** Checks `flags` against the `allowed` table of `instruction`; returns the values or the first problem. */
export function readFlags(instruction: string, flags: RawFlag[], allowed: Readonly<Record<string, FlagType>>): FlagValues | FlagProblem {
  const values: FlagValues = { strings: new Map(), bools: new Map(), lists: new Map() };
  for (const flag of flags) {
    const type = allowed[flag.name];
    if (type === undefined) return unknownFlag(instruction, flag, Object.keys(allowed));
    const problem = storeFlag(values, type, flag);
    if (problem !== undefined) return { code: 'flag-value', message: `${instruction} ${problem}`, hint: flagHint(type, flag.name), flag };
  }
  return values;
}

function storeFlag(values: FlagValues, type: FlagType, flag: RawFlag): string | undefined {
  if (type === 'list') {
    if (flag.value === undefined || flag.value === '') return `flag --${flag.name} needs a value`;
    values.lists.set(flag.name, [...(values.lists.get(flag.name) ?? []), flag.value]);
    return undefined;
  }
  if (values.strings.has(flag.name) || values.bools.has(flag.name)) return `flag --${flag.name} is given twice`;
  if (type === 'bool') {
    const value = flag.value?.toLowerCase();
    if (value !== undefined && value !== 'true' && value !== 'false') return `flag --${flag.name} takes true or false, not '${flag.value}'`;
    values.bools.set(flag.name, value !== 'false');
    return undefined;
  }
  if (flag.value === undefined) return `flag --${flag.name} needs a value`;
  values.strings.set(flag.name, flag.value);
  return undefined;
}

function flagHint(type: FlagType, name: string): string {
  return type === 'bool' ? `write --${name} or --${name}=false` : `write --${name}=<value>, once`;
}

function unknownFlag(instruction: string, flag: RawFlag, names: string[]): FlagProblem {
  const list = names.map((n) => `--${n}`).join(', ');
  return {
    code: 'unknown-flag',
    message: `${instruction} does not take the flag --${flag.name}`,
    hint: names.length === 0 ? `${instruction} takes no flags: remove --${flag.name}` : `${instruction} takes ${list}`,
    flag,
  };
}
