/**
 * The `ignore` and `include` lists of a watch rule, compiled with the .dockerignore matcher of the
 * dockerfile layer (Docker's pattern rules: `*`, `?`, `**`, `!` re-includes, last match wins, a matched
 * directory covers everything under it). Entries are trimmed and a leading `/` dropped, as in a
 * .dockerignore file. Paths are relative to the rule's path; the rule's root itself never matches.
 */
import { compilePattern, ignoreMatcher, type IgnoreMatcher, type IgnorePattern } from '../dockerfile/index.js';

/** Decides whether a relative path is matched. */
export type PathMatcher = (relativePath: string, isDir: boolean) => boolean;

/** A compiled pattern list. */
export interface RulePatterns {
  matches: PathMatcher;
  /** True when `dir` is matched and no `!` pattern could re-include something under it. */
  matchesEntireDir(relativeDir: string): boolean;
}

/** Compiles a pattern list; a malformed pattern gives a problem sentence instead. */
export function rulePatterns(patterns: readonly string[]): RulePatterns | string {
  const compiled: IgnorePattern[] = [];
  for (const raw of patterns) {
    let line = raw.trim();
    if (line === '') continue;
    const exclusion = line.startsWith('!');
    if (exclusion) line = line.slice(1).trim();
    if (line.length > 1 && line.startsWith('/')) line = line.replace(/^\/+/, '');
    const pattern = compilePattern(exclusion ? `!${line}` : line);
    if (typeof pattern === 'string') return pattern;
    compiled.push(pattern);
  }
  return fromMatcher(ignoreMatcher(compiled));
}

/** Wraps a .dockerignore matcher (from readDockerignore) in the same interface. */
export function fromMatcher(matcher: IgnoreMatcher): RulePatterns {
  return {
    matches: (path) => path !== '' && matcher.excludes(path),
    matchesEntireDir: (dir) => dir !== '' && matcher.excludes(dir) && !matcher.mayContainIncluded(dir),
  };
}
