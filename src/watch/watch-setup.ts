/**
 * Checks the rules of the selected services once, when watch starts, and compiles the valid ones: a rule
 * whose path is missing, whose target is not an absolute path inside the container, a `rebuild` without
 * `build`, a `sync+exec` without a command, or a malformed ignore/include pattern becomes a WatchProblem
 * and is left out; the others run.
 * The file system is consulted only through the `pathExists` argument.
 */
import { isSyncAction, type ServiceWatch, type WatchRule } from './watch-rule.js';
import { isBuiltinIgnored, isInside, ruleFilter, type RuleFilter, type RulePatternSet } from './ignore-set.js';
import { fromMatcher, rulePatterns } from './rule-patterns.js';
import { ruleName, type WatchProblem } from './watch-problem.js';

/** A valid rule with its filter. */
export interface CompiledRule {
  service: string;
  index: number;
  rule: WatchRule;
  filter: RuleFilter;
}

/** The valid rules, the problems found, and what the file watcher must watch. */
export interface WatchSetup {
  rules: CompiledRule[];
  services: ReadonlyMap<string, ServiceWatch>;
  problems: WatchProblem[];
  /** Host paths to watch: every rule path, without those nested in another. */
  roots: string[];
  /** Whether the watcher may skip a path; `isDir` undefined when its type is not known yet. */
  ignores(absolutePath: string, isDir: boolean | undefined): boolean;
}

/** Validates and compiles the rules of `services`. */
export function prepareWatch(services: readonly ServiceWatch[], pathExists: (path: string) => boolean): WatchSetup {
  const rules: CompiledRule[] = [];
  const problems: WatchProblem[] = [];
  for (const service of services) {
    service.rules.forEach((rule, index) => {
      const checked = ruleProblem(service, rule, index, pathExists) ?? compilePatterns(service, rule, index);
      if ('severity' in checked) problems.push(checked);
      else rules.push({ service: service.service, index, rule, filter: ruleFilter(rule, checked) });
    });
  }
  const roots = outermost(rules.map((r) => r.rule.path));
  return {
    rules,
    services: new Map(services.map((s) => [s.service, s])),
    problems,
    roots,
    ignores: (path, isDir) => ignoredByAll(rules, path, isDir),
  };
}

function problem(service: ServiceWatch, index: number, code: string, message: string, hint: string): WatchProblem {
  return { severity: 'error', service: service.service, ruleIndex: index, code, message: `${ruleName(service.service, index)}: ${message}`, hint };
}

function compilePatterns(service: ServiceWatch, rule: WatchRule, index: number): RulePatternSet | WatchProblem {
  const ignore = rulePatterns(rule.ignore);
  if (typeof ignore === 'string') return badPattern(service, index, 'ignore', ignore);
  const include = rule.include.length > 0 ? rulePatterns(rule.include) : undefined;
  if (typeof include === 'string') return badPattern(service, index, 'include', include);
  const context = service.dockerignore;
  return { ignore, include, dockerignore: context === undefined ? undefined : { context: context.context, patterns: fromMatcher(context.matcher) } };
}

function badPattern(service: ServiceWatch, index: number, key: string, sentence: string): WatchProblem {
  return problem(service, index, 'watch.bad-pattern', `${key}: ${sentence}`, `fix the pattern in \`${key}\`: * ? ** [a-z] and \\ are the special characters`);
}

function ruleProblem(service: ServiceWatch, rule: WatchRule, index: number, pathExists: (path: string) => boolean): WatchProblem | undefined {
  const fail = (code: string, message: string, hint: string): WatchProblem => problem(service, index, code, message, hint);
  if (!pathExists(rule.path)) return fail('watch.path-not-found', `path ${rule.path} does not exist`, 'create it or fix the rule\'s `path`; this rule is skipped');
  if (rule.action === 'rebuild' && !service.hasBuild) {
    return fail('watch.rebuild-without-build', `action rebuild needs a \`build\` section in service ${service.service}`, 'add `build` to the service or use action `restart`');
  }
  if (rule.action === 'sync+exec' && (rule.exec === undefined || rule.exec.command.length === 0)) {
    return fail('watch.exec-missing', 'action sync+exec needs an `exec.command`', 'add `exec: {command: [...]}` to the rule');
  }
  if (!isSyncAction(rule.action)) return undefined;
  if (rule.target === undefined || rule.target === '') return fail('watch.target-missing', `action ${rule.action} needs a \`target\``, 'set `target` to the container path to sync to');
  if (!rule.target.startsWith('/')) return fail('watch.target-not-absolute', `target ${rule.target} is not an absolute container path`, 'write the target as an absolute path, e.g. /app');
  if (climbsAboveRoot(rule.target)) return fail('watch.target-escapes', `target ${rule.target} climbs above the container's /`, 'remove the `..` components from `target`');
  return undefined;
}

/** Whether `..` components of an absolute path go above `/`. */
function climbsAboveRoot(path: string): boolean {
  let depth = 0;
  for (const part of path.split('/')) {
    if (part === '..') depth--;
    else if (part !== '' && part !== '.') depth++;
    if (depth < 0) return true;
  }
  return false;
}

function outermost(paths: readonly string[]): string[] {
  const unique = [...new Set(paths)].sort();
  return unique.filter((p) => !unique.some((other) => other !== p && isInside(other, p)));
}

function ignoredByAll(rules: readonly CompiledRule[], path: string, isDir: boolean | undefined): boolean {
  if (isBuiltinIgnored(path)) return true;
  if (isDir === undefined) return rules.every((r) => !isInside(r.rule.path, path) && !isInside(path, r.rule.path));
  return rules.every((r) => {
    if (isDir && isInside(path, r.rule.path)) return false;
    return isDir ? r.filter.skipsDir(path) : !r.filter.accepts(path, false);
  });
}
