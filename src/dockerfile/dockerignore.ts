/**
 * .dockerignore: which context paths a build leaves out, with Docker's rules. Lines starting with `#`
 * are comments; blank lines are skipped; a leading `/` is dropped; `!pattern` re-includes; the last
 * matching pattern wins; a pattern matching a directory matches everything under it. Paths are
 * slash-separated and relative to the context root. Also used for develop.watch ignore rules.
 */
import { BerthError } from '../errors/index.js';
import { cleanPath, compilePattern, type IgnorePattern } from './ignore-pattern.js';

/** Answers for a context walk. */
export interface IgnoreMatcher {
  patterns: readonly IgnorePattern[];
  /** Whether `path` (a file or directory) is left out of the context. */
  excludes(path: string): boolean;
  /**
   * Whether an excluded directory may still hold re-included paths, so a walker must descend into it
   * (false means the whole subtree can be skipped).
   */
  mayContainIncluded(dir: string): boolean;
}

/** The pattern lines of a .dockerignore text, cleaned; `file` names it in errors. */
export function readDockerignore(text: string, file = '.dockerignore'): IgnoreMatcher {
  const patterns: IgnorePattern[] = [];
  for (const [index, raw] of text.replace(/^\uFEFF/, '').split(/\r?\n/).entries()) {
    if (raw.startsWith('#')) continue;
    let line = raw.trim();
    if (line === '') continue;
    const exclusion = line.startsWith('!');
    if (exclusion) line = line.slice(1).trim();
    if (line.length > 1 && line.startsWith('/')) line = line.replace(/^\/+/, '') || '/';
    const compiled = compilePattern(exclusion ? `!${line}` : line);
    if (typeof compiled === 'string') {
      throw new BerthError('invalid', 'dockerignore.bad-pattern', `${compiled} in ${file}`, {
        hint: 'fix or remove the pattern: * ? ** [a-z] and \\ are the special characters',
        location: { file, line: index + 1, col: 1, lineText: raw, length: Math.max(1, raw.length) },
      });
    }
    patterns.push(compiled);
  }
  return ignoreMatcher(patterns);
}

/** A matcher over compiled patterns (for patterns from other sources than a .dockerignore file). */
export function ignoreMatcher(patterns: readonly IgnorePattern[]): IgnoreMatcher {
  return {
    patterns,
    excludes: (path) => excludes(patterns, normalise(path)),
    mayContainIncluded: (dir) => mayContainIncluded(patterns, normalise(dir)),
  };
}

function normalise(path: string): string {
  return cleanPath(path).replace(/^\/+/, '');
}

/** patternmatcher's MatchesOrParentMatches: a pattern matches the path or one of its parents. */
function excludes(patterns: readonly IgnorePattern[], path: string): boolean {
  const parts = path.split('/');
  const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.exclusion !== matched) continue;
    if (prefixes.some((p) => pattern.regexp.test(p))) matched = !pattern.exclusion;
  }
  return matched;
}

/** Whether some `!` pattern could match `dir` itself, a parent of it, or a path below it. */
function mayContainIncluded(patterns: readonly IgnorePattern[], dir: string): boolean {
  const parts = dir.split('/');
  return patterns.some((p) => p.exclusion && couldReach(p.components, parts));
}

/** Whether a pattern's leading components can line up with `dir`'s components. */
function couldReach(components: readonly string[], dir: readonly string[]): boolean {
  for (const [i, part] of dir.entries()) {
    const component = components[i];
    if (component === undefined) return true;
    if (component.includes('**')) return true;
    const single = compilePattern(component.startsWith('!') ? `\\${component}` : component);
    if (typeof single === 'string' || !single.regexp.test(part)) return false;
  }
  return true;
}
