/**
 * The dockerfile layer: pure Dockerfile parsing, substitution and build planning, and .dockerignore
 * matching. Inputs are texts and options; nothing here reads files, the environment or a clock.
 *   parseDockerfile(text, file)  → Dockerfile (typed instructions per stage, source lines, warnings)
 *   planBuild(dockerfile, opts)  → BuildPlan (needed stages substituted, build order, parallel levels, images)
 *   readDockerignore(text)       → IgnoreMatcher (excludes(path), mayContainIncluded(dir))
 */
export { parseDockerfile } from './parse-dockerfile.js';
export { planBuild } from './build-plan.js';
export type { BuildPlan, ResolvedStage, StageBase } from './build-plan.js';
export type { BuildOptions } from './build-args.js';
export { readDockerignore, ignoreMatcher } from './dockerignore.js';
export type { IgnoreMatcher } from './dockerignore.js';
export { compilePattern } from './ignore-pattern.js';
export type { IgnorePattern } from './ignore-pattern.js';
export { expandWord } from './shell-lex.js';
export type * from './model.js';
