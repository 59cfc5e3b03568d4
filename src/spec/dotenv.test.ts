/** The env-file grammar: quoting, escapes, comments, export, interpolation, raw format, errors. */
import { describe, expect, it } from 'vitest';
import { BerthError } from '../errors/index.js';
import { parseDotenv } from './dotenv.js';

const parse = (text: string, env: Record<string, string> = {}, raw = false): Record<string, string> =>
  Object.fromEntries(parseDotenv(text, 'test.env', (n) => env[n], raw));

describe('parseDotenv', () => {
  it('reads plain, quoted and exported values', () => {
    expect(parse('A=1\nexport B=two\n# comment\n\nC="x y"\nD=\'lit\'\n')).toEqual({ A: '1', B: 'two', C: 'x y', D: 'lit' });
  });

  it('strips inline comments only after a space', () => {
    expect(parse('A=v # c\nB=a#b\nC="q # kept"')).toEqual({ A: 'v', B: 'a#b', C: 'q # kept' });
  });

  it('unescapes double quotes and keeps single quotes literal', () => {
    expect(parse('A="a\\nb\\t\\"c\\"\\\\"\nB=\'a\\nb $X\'', { X: 'x' })).toEqual({ A: 'a\nb\t"c"\\', B: 'a\\nb $X' });
  });

  it('interpolates from earlier keys, then the environment', () => {
    expect(parse('A=one\nB=${A}-$HOST\nC="${MISSING:-d}"', { HOST: 'h' })).toEqual({ A: 'one', B: 'one-h', C: 'd' });
  });

  it('reads multi-line quoted values and tolerates a BOM', () => {
    expect(parse('\uFEFFA="1\n2"\nB=3')).toEqual({ A: '1\n2', B: '3' });
  });

  it('takes a bare key from the environment or leaves it out; `KEY=` is empty', () => {
    expect(parse('HOME\nNOPE\nEMPTY=', { HOME: '/root' })).toEqual({ HOME: '/root', EMPTY: '' });
  });

  it('keeps raw values verbatim', () => {
    expect(parse('A="$X" # not a comment', {}, true)).toEqual({ A: '"$X" # not a comment' });
  });

  it('rejects a line without a valid name, with its line number', () => {
    try {
      parse('A=1\n=2\n');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BerthError);
      expect((error as BerthError).location?.line).toBe(2);
    }
    expect(() => parse('A="open')).toThrow('never closed');
  });
});
