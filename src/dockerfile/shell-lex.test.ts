/**
 * The word expansion Docker applies to ENV, LABEL, COPY, WORKDIR…: a table of word → result against a
 * fixed set of variables, with BuildKit's shell-lexer results, plus the heredoc-body mode.
 */
import { describe, expect, it } from 'vitest';
import { expandHeredoc, expandWord, SubstitutionProblem } from './shell-lex.js';

const VARS: Record<string, string> = { NAME: 'world', EMPTY: '', PATH: '/usr/bin' };
const lookup = (name: string): string | undefined => VARS[name];

const WORDS: [string, string][] = [
  ['hello', 'hello'],
  ['$NAME', 'world'],
  ['${NAME}', 'world'],
  ['pre${NAME}post', 'preworldpost'],
  ['$NAME.txt', 'world.txt'],
  ['$UNSET', ''],
  ['${UNSET:-fallback}', 'fallback'],
  ['${EMPTY:-fallback}', 'fallback'],
  ['${EMPTY-fallback}', ''],
  ['${NAME:+alt}', 'alt'],
  ['${EMPTY:+alt}', ''],
  ['${EMPTY+alt}', 'alt'],
  ['${UNSET+alt}', ''],
  ['${UNSET:-$NAME and ${PATH}}', 'world and /usr/bin'],
  ['\\$NAME', '$NAME'],
  ["'$NAME'", '$NAME'],
  ['"$NAME"', 'world'],
  ['"a \\"b\\" \\$c \\d"', 'a "b" $c \\d'],
  ['a\\ b', 'a b'],
  ['$', '$'],
  ['cost $5', 'cost '],
  ['100%', '100%'],
];

describe('expandWord', () => {
  for (const [word, expected] of WORDS) {
    it(`${word} → ${expected}`, () => expect(expandWord(word, lookup)).toBe(expected));
  }

  it('uses the backtick as escape under # escape=`', () => {
    expect(expandWord('c:\\dir `$NAME', lookup, '`')).toBe('c:\\dir $NAME');
  });

  it('refuses unterminated quotes, ${} and ${VAR:?message} of an unset variable', () => {
    expect(() => expandWord('"open', lookup)).toThrow(SubstitutionProblem);
    expect(() => expandWord('${}', lookup)).toThrow('bad substitution');
    expect(() => expandWord('${UNSET:?is required}', lookup)).toThrow('UNSET: is required');
    expect(() => expandWord('${NAME%suffix}', lookup)).toThrow('unsupported modifier');
  });
});

describe('expandHeredoc', () => {
  it('expands variables but keeps quotes and other escapes', () => {
    expect(expandHeredoc('echo "$NAME" \'x\' \\$HOME \\n\n', lookup)).toBe('echo "world" \'x\' $HOME \\n\n');
  });
});
