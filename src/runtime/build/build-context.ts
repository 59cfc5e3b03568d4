/**
 * The build context: the files of the context directory that .dockerignore leaves in, found by one walk
 * that skips excluded directories unless a `!` pattern may re-include something below them. The
 * Dockerfile comes from a file of the context or from `dockerfile_inline`; git URLs are refused.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, type Stats } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { readDockerignore, type IgnoreMatcher } from '../../dockerfile/index.js';
import { BerthError } from '../../errors/index.js';

/** The included entries of a context, by slash-separated path relative to its root. */
export interface ContextFiles {
  root: string;
  entries: Map<string, Stats>;
}

/** Where the Dockerfile of a build is. */
export interface DockerfileSource {
  context: string;
  dockerfile?: string | undefined;
  inline?: string | undefined;
}

const REMOTE = /^(git@|git:\/\/|https?:\/\/|ssh:\/\/)|\.git(#.*)?$/;

/** Refuses a context that is not a local directory. */
export function checkContext(context: string): void {
  if (REMOTE.test(context)) {
    throw new BerthError('invalid', 'build.remote-context', `build context '${context}' is a remote (git or URL) context, which berth does not fetch`, {
      hint: 'clone the repository and point build.context at the local directory',
    });
  }
  if (!existsSync(context) || !lstatSync(context).isDirectory()) {
    throw new BerthError('not-found', 'build.context-missing', `build context '${context}' is not a directory`, { hint: 'fix build.context: it must name an existing directory' });
  }
}

/** The Dockerfile text and the name errors show. */
export function readDockerfileText(source: DockerfileSource): { text: string; file: string } {
  if (source.inline !== undefined) return { text: source.inline, file: 'dockerfile_inline' };
  const name = source.dockerfile ?? 'Dockerfile';
  const path = isAbsolute(name) ? name : resolve(source.context, name);
  try {
    return { text: readFileSync(path, 'utf8'), file: name };
  } catch (error) {
    throw new BerthError('not-found', 'build.dockerfile-missing', `Dockerfile '${path}' cannot be read`, { hint: 'create it, or set build.dockerfile to the right file', cause: error });
  }
}

/** The context's matcher from its .dockerignore (none: nothing excluded). */
export function contextMatcher(context: string): IgnoreMatcher {
  const path = join(context, '.dockerignore');
  return readDockerignore(existsSync(path) ? readFileSync(path, 'utf8') : '', path);
}

/** Walks the context, keeping what the matcher leaves in. */
export function walkContext(root: string, matcher: IgnoreMatcher = contextMatcher(root)): ContextFiles {
  const entries = new Map<string, Stats>();
  // Returns whether anything under `rel` was kept: an excluded directory holding re-included paths is kept too, as their parent.
  const visit = (rel: string): boolean => {
    let kept = false;
    for (const name of readdirSync(join(root, rel)).sort()) {
      const path = rel === '' ? name : `${rel}/${name}`;
      const info = lstatSync(join(root, path));
      const excluded = matcher.excludes(path);
      const below = info.isDirectory() && (!excluded || matcher.mayContainIncluded(path)) && visit(path);
      if (!excluded || below) entries.set(path, info);
      kept ||= !excluded || below;
    }
    return kept;
  };
  visit('');
  return { root, entries };
}
