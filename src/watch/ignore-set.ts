/**
 * The files a rule never reacts to: the rule's `ignore` list (relative to the rule's path), the build
 * context's .dockerignore (relative to the context), any `.git/` directory, and the temp files editors write
 * while saving (the same list as Compose Watch). A path outside the context is not subject to .dockerignore.
 */
import { posix } from 'node:path';
import type { RulePatterns } from './rule-patterns.js';
import type { WatchRule } from './watch-rule.js';

/** Directories whose contents never trigger, wherever they appear. */
const IGNORED_DIRS = new Set(['.git', '.idea']);

/** Basenames editors create while saving: vim, emacs, JetBrains, kate, go. */
const EDITOR_TEMP_FILES = [
  /^\..*\.sw[pxon]$/,
  /~$/,
  /^4913$/,
  /^\.#/,
  /^#.*#$/,
  /___jb_(tmp|old)___$/,
  /^\..*\.kate-swp$/,
  /-go-tmp-umask$/,
];

/** Whether a path is an editor temp file or lies in an always-ignored directory (`.git/`, `.idea/`). */
export function isBuiltinIgnored(absolutePath: string): boolean {
  const parts = absolutePath.split('/').filter((p) => p !== '');
  if (parts.slice(0, -1).some((p) => IGNORED_DIRS.has(p))) return true;
  const base = parts.at(-1) ?? '';
  return IGNORED_DIRS.has(base) || EDITOR_TEMP_FILES.some((re) => re.test(base));
}

/** The compiled pattern lists a rule is filtered by. */
export interface RulePatternSet {
  ignore: RulePatterns;
  /** Absent when the rule has no `include` list (every file triggers). */
  include: RulePatterns | undefined;
  /** The service's build context and its .dockerignore. */
  dockerignore: { context: string; patterns: RulePatterns } | undefined;
}

/** The filter of one rule. */
export interface RuleFilter {
  /** Whether an event on `absolutePath` triggers the rule (inside it, not ignored, included). */
  accepts(absolutePath: string, isDir: boolean): boolean;
  /** Whether a whole directory can be left unwatched for this rule. */
  skipsDir(absolutePath: string): boolean;
}

/** Builds the filter of `rule` from its compiled patterns. */
export function ruleFilter(rule: WatchRule, { ignore, include, dockerignore: context }: RulePatternSet): RuleFilter {
  const ignored = (path: string, isDir: boolean): boolean => {
    if (isBuiltinIgnored(path)) return true;
    if (ignore.matches(relativeTo(rule.path, path), isDir)) return true;
    return context !== undefined && isInside(context.context, path) && context.patterns.matches(relativeTo(context.context, path), isDir);
  };
  return {
    accepts: (path, isDir) => {
      if (!isInside(rule.path, path) || ignored(path, isDir)) return false;
      return include === undefined || include.matches(relativeTo(rule.path, path), isDir);
    },
    skipsDir: (path) => {
      if (!isInside(rule.path, path) || isBuiltinIgnored(path)) return true;
      if (ignore.matchesEntireDir(relativeTo(rule.path, path))) return true;
      return context !== undefined && isInside(context.context, path) && context.patterns.matchesEntireDir(relativeTo(context.context, path));
    },
  };
}

/** Whether `path` is `root` itself or lies under it. */
export function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith('/') ? root : `${root}/`);
}

/** `path` relative to `root` ('' for the root itself). */
export function relativeTo(root: string, path: string): string {
  return posix.relative(root, path);
}
