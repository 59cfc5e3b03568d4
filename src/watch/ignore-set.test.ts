import { describe, expect, it } from 'vitest';
import { readDockerignore } from '../dockerfile/index.js';
import { isBuiltinIgnored, ruleFilter, type RuleFilter } from './ignore-set.js';
import { fromMatcher, rulePatterns, type RulePatterns } from './rule-patterns.js';
import type { WatchRule } from './watch-rule.js';

const rule = (over: Partial<WatchRule> = {}): WatchRule => ({ path: '/p/src', action: 'sync', target: '/app', ignore: [], include: [], initialSync: false, ...over });

const compiled = (patterns: string[]): RulePatterns => {
  const result = rulePatterns(patterns);
  if (typeof result === 'string') throw new Error(result);
  return result;
};

function filterOf(r: WatchRule, dockerignore?: { context: string; text: string }): RuleFilter {
  return ruleFilter(r, {
    ignore: compiled(r.ignore),
    include: r.include.length > 0 ? compiled(r.include) : undefined,
    dockerignore: dockerignore && { context: dockerignore.context, patterns: fromMatcher(readDockerignore(dockerignore.text)) },
  });
}

describe('isBuiltinIgnored', () => {
  it.each([
    '/p/.git/HEAD', '/p/.git', '/p/sub/.git/objects/ab', '/p/.idea/workspace.xml',
    '/p/.main.js.swp', '/p/.main.js.swx', '/p/.main.js.swo', '/p/.main.js.swn', '/p/main.js~', '/p/4913',
    '/p/.#main.js', '/p/#main.js#', '/p/main.js___jb_tmp___', '/p/main.js___jb_old___',
    '/p/.main.js.kate-swp', '/p/main-go-tmp-umask',
  ])('ignores %s', (path) => {
    expect(isBuiltinIgnored(path)).toBe(true);
  });

  it.each(['/p/main.js', '/p/.env', '/p/gitignore', '/p/49130', '/p/main.swp.js', '/p/.github/workflows/ci.yml'])('keeps %s', (path) => {
    expect(isBuiltinIgnored(path)).toBe(false);
  });
});

describe('ruleFilter', () => {
  it('accepts only paths inside the rule path', () => {
    const filter = filterOf(rule());
    expect(filter.accepts('/p/src/a.js', false)).toBe(true);
    expect(filter.accepts('/p/src', true)).toBe(true);
    expect(filter.accepts('/p/srcx/a.js', false)).toBe(false);
    expect(filter.accepts('/p/other.js', false)).toBe(false);
  });

  it('applies ignore relative to the rule path', () => {
    const filter = filterOf(rule({ ignore: ['node_modules/', '*.test.js'] }));
    expect(filter.accepts('/p/src/node_modules/x/y.js', false)).toBe(false);
    expect(filter.accepts('/p/src/a.test.js', false)).toBe(false);
    expect(filter.accepts('/p/src/lib/a.test.js', false)).toBe(true);
    expect(filter.skipsDir('/p/src/node_modules')).toBe(true);
  });

  it('lets only included files trigger', () => {
    const filter = filterOf(rule({ include: ['*.js', 'static'] }));
    expect(filter.accepts('/p/src/a.js', false)).toBe(true);
    expect(filter.accepts('/p/src/a.css', false)).toBe(false);
    expect(filter.accepts('/p/src/static/a.css', false)).toBe(true);
    expect(filter.skipsDir('/p/src/lib')).toBe(false);
  });

  it('applies the build context .dockerignore relative to the context, only inside it', () => {
    const filter = filterOf(rule({ path: '/p' }), { context: '/p/src', text: '# build output\ndist\n' });
    expect(filter.accepts('/p/src/dist/a.js', false)).toBe(false);
    expect(filter.accepts('/p/dist/a.js', false)).toBe(true);
    expect(filter.skipsDir('/p/src/dist')).toBe(true);
  });

  it('ignores editor temp files and .git under the rule', () => {
    const filter = filterOf(rule());
    expect(filter.accepts('/p/src/.a.js.swp', false)).toBe(false);
    expect(filter.skipsDir('/p/src/.git')).toBe(true);
  });
});
