/**
 * .dockerignore matching, as a table of Docker's documented behaviour (docs.docker.com "Dockerignore
 * files" and moby/patternmatcher's tests): each row is a .dockerignore text, a context path, and
 * whether the build leaves that path out. Then the walker's question: may an excluded directory hold
 * re-included paths?
 */
import { describe, expect, it } from 'vitest';
import { formatError } from '../errors/index.js';
import { readDockerignore } from './index.js';

/** [patterns (one per line), path, excluded?] */
const TABLE: [string, string, boolean][] = [
  ['*/temp*', 'somedir/temporary.txt', true],
  ['*/temp*', 'somedir/temp', true],
  ['*/temp*', 'temp.txt', false],
  ['*/*/temp*', 'somedir/subdir/temporary.txt', true],
  ['*/*/temp*', 'somedir/temporary.txt', false],
  ['temp?', 'tempa', true],
  ['temp?', 'tempab', false],
  ['temp?', 'temp/', false],
  ['**/*.go', 'main.go', true],
  ['**/*.go', 'cmd/tool/main.go', true],
  ['**/*.go', 'main.gox', false],
  ['*.go', 'main.go', true],
  ['*.go', 'cmd/main.go', false],
  ['*.md\n!README.md', 'README.md', false],
  ['*.md\n!README.md', 'CHANGES.md', true],
  ['*.md\n!README*.md\nREADME-secret.md', 'README-secret.md', true],
  ['*.md\n!README*.md\nREADME-secret.md', 'README-public.md', false],
  ['*.md\nREADME-secret.md\n!README*.md', 'README-secret.md', false],
  ['/foo', 'foo', true],
  ['/foo', 'foo/bar.txt', true],
  ['foo/', 'foo/bar.txt', true],
  ['./foo', 'foo', true],
  ['foo/../bar', 'bar', true],
  ['foo/../bar', 'foo', false],
  ['foo//bar', 'foo/bar', true],
  ['node_modules', 'node_modules/lodash/index.js', true],
  ['.git', '.git/config', true],
  ['a/b', 'x/a/b', false],
  ['**', 'anything/at/all', true],
  ['*', 'a/b/c', true],
  ['dir/**', 'dir/a/b', true],
  ['dir/**', 'dir', false],
  ['**/foo', 'foo', true],
  ['**/foo', 'a/b/foo', true],
  ['**/foo', 'a/foo/bar.txt', true],
  ['a/**/b', 'a/b', true],
  ['a/**/b', 'a/x/y/b', true],
  ['a/**/b', 'a/x/y/c', false],
  ['a?b', 'a/b', false],
  ['[abc].txt', 'b.txt', true],
  ['[abc].txt', 'd.txt', false],
  ['[^abc].txt', 'd.txt', true],
  ['file\\*', 'file*', true],
  ['file\\*', 'fileX', false],
  ['#comment', '#comment', false],
  [' #not-a-comment', '#not-a-comment', true],
  ['logs   ', 'logs/today.log', true],
  ['dir\n! dir/keep', 'dir/keep', false],
  ['dir\n!dir/keep', 'dir/keep/inner.txt', false],
  ['dir\n!dir/keep', 'dir/other', true],
  ['!foo\nfoo', 'foo', true],
  ['foo\n!foo', 'foo', false],
  ['Dockerfile\n.dockerignore', 'Dockerfile', true],
  ['*.txt', './notes.txt', true],
  ['build.out', 'buildxout', false],
  ['a+b(c)', 'a+b(c)', true],
];

/** [patterns, directory, may hold re-included paths?] */
const WALK: [string, string, boolean][] = [
  ['dir', 'dir', false],
  ['dir\n!dir/keep', 'dir', true],
  ['dir\n!dir/keep', 'other', false],
  ['build\n!**/keep.txt', 'build', true],
  ['dir\n!dir/*/keep', 'dir/sub', true],
  ['dir\n!dir/*/keep', 'dir/sub/deeper', false],
  ['dir\n!dir/*/keep', 'dir/sub/keep/x', true],
  ['dir\n!dir/sub/keep', 'dir/other', false],
  ['*\n!src', 'src/lib', true],
  ['*\n!src', 'docs', false],
];

describe('.dockerignore matching', () => {
  for (const [patterns, path, excluded] of TABLE) {
    it(`${JSON.stringify(patterns)} ${excluded ? 'excludes' : 'keeps'} ${path}`, () => {
      expect(readDockerignore(patterns).excludes(path)).toBe(excluded);
    });
  }

  for (const [patterns, dir, may] of WALK) {
    it(`${JSON.stringify(patterns)}: ${dir} ${may ? 'may' : 'cannot'} hold re-included paths`, () => {
      expect(readDockerignore(patterns).mayContainIncluded(dir)).toBe(may);
    });
  }

  it('refuses a lone "!" and an unclosed class, at their line', () => {
    const text = (patterns: string): string => {
      try {
        readDockerignore(patterns);
        return 'no error';
      } catch (error) {
        return formatError(error, { color: false, debug: false });
      }
    };
    expect(text('ok\n!')).toBe([
      "error: '!' excludes nothing: a '!' needs a pattern after it in .dockerignore",
      '  --> .dockerignore:2:1',
      '    |',
      '  2 | !',
      '    | ^',
      '  hint: fix or remove the pattern: * ? ** [a-z] and \\ are the special characters',
    ].join('\n'));
    expect(text('src/[ab')).toContain("'src/[ab' is not a valid pattern: a '[' is never closed");
  });
});
