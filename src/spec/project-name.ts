/**
 * Phase 2, project name: `-p`, then COMPOSE_PROJECT_NAME, then the last top-level `name:`, then the
 * project directory's basename. Explicit names (-p, the environment) must already be valid; names taken
 * from `name:` or a directory are normalised the way Compose does (lower case, invalid characters dropped).
 */
import { basename } from 'node:path';
import { BerthError } from '../errors/index.js';

const VALID = /^[a-z0-9][a-z0-9_-]*$/;

/** Where the name came from, for the error text. */
export type NameSource = '-p' | 'COMPOSE_PROJECT_NAME' | 'name:' | 'directory';

/** Picks and checks the project name. */
export function resolveProjectName(candidates: { flag?: string | undefined; env?: string | undefined; fromFiles?: string | undefined; projectDir: string }): string {
  if (candidates.flag !== undefined && candidates.flag !== '') return checkExplicit(candidates.flag, '-p');
  if (candidates.env !== undefined && candidates.env !== '') return checkExplicit(candidates.env, 'COMPOSE_PROJECT_NAME');
  const derived = candidates.fromFiles !== undefined && candidates.fromFiles !== '' ? candidates.fromFiles : basename(candidates.projectDir);
  const source: NameSource = candidates.fromFiles ? 'name:' : 'directory';
  const name = normaliseProjectName(derived);
  if (name === '') {
    throw new BerthError('invalid', 'spec.project-name', `project name "${derived}" (from ${source}) has no letters or digits to make a name from`, {
      hint: 'set a name with -p or a top-level `name:` made of lowercase letters, digits, - and _',
    });
  }
  return name;
}

/** Compose's normalisation: lower case, only [a-z0-9_-], no leading - or _. */
export function normaliseProjectName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[-_]+/, '');
}

function checkExplicit(name: string, source: NameSource): string {
  if (VALID.test(name)) return name;
  const rule = /[A-Z]/.test(name)
    ? 'it contains uppercase letters'
    : /^[-_]/.test(name)
      ? 'it must start with a letter or a digit'
      : 'it may contain only lowercase letters, digits, - and _';
  throw new BerthError('invalid', 'spec.project-name', `project name "${name}" given by ${source} is invalid: ${rule}`, {
    hint: `use a name like "${normaliseProjectName(name) || 'myapp'}"`,
  });
}
