import { describe, expect, it } from 'vitest';
import { rulePatterns, type RulePatterns } from './rule-patterns.js';

const compiled = (patterns: string[]): RulePatterns => {
  const result = rulePatterns(patterns);
  if (typeof result === 'string') throw new Error(result);
  return result;
};
const matches = (patterns: string[], path: string) => compiled(patterns).matches(path, false);

describe('rulePatterns', () => {
  it.each([
    [['*.log'], 'debug.log', true],
    [['*.log'], 'logs/debug.log', false],
    [['**/*.log'], 'logs/deep/debug.log', true],
    [['**/*.log'], 'debug.log', true],
    [['node_modules'], 'node_modules/a/b.js', true],
    [['/build/'], 'build/out.js', true],
    [['./tmp'], 'tmp/x', true],
    [['src/**'], 'src/a/b', true],
    [['src/**/test'], 'src/test', true],
    [['src/**/test'], 'src/a/b/test/x.js', true],
    [['a?c'], 'abc', true],
    [['a?c'], 'a/c', false],
    [['[ab].txt'], 'b.txt', true],
    [['file.txt'], 'fileXtxt', false],
    [['\\*.txt'], '*.txt', true],
    [['\\*.txt'], 'a.txt', false],
    [['*', '!keep.txt'], 'keep.txt', false],
    [['*', '!keep.txt'], 'other.txt', true],
    [['*', '!keep.txt', 'keep*'], 'keep.txt', true],
    [['docs', '!docs/README.md'], 'docs/README.md', false],
    [[], 'anything', false],
  ])('%j matches %s: %s', (patterns, path, expected) => {
    expect(matches(patterns, path)).toBe(expected);
  });

  it('never matches the root itself', () => {
    expect(matches(['*'], '')).toBe(false);
  });

  it('prunes a directory only when no exception could re-include under it', () => {
    expect(compiled(['node_modules']).matchesEntireDir('node_modules')).toBe(true);
    expect(compiled(['docs', '!docs/README.md']).matchesEntireDir('docs')).toBe(false);
  });

  it('reports a malformed pattern as a sentence', () => {
    expect(rulePatterns(['ok', '[abc'])).toMatch(/never closed/);
  });
});
