/**
 * --remove-orphans with Docker Compose's environment toggles: COMPOSE_REMOVE_ORPHANS stands for the flag,
 * COMPOSE_IGNORE_ORPHANS keeps orphans in place without the warning; the flag with the latter is an error,
 * as in Compose. Booleans read as Go's strconv.ParseBool does.
 */
import { BerthError } from '../errors/index.js';

/** What `up` and `down` do about orphans. */
export interface OrphanChoices {
  removeOrphans: boolean;
  ignoreOrphans: boolean;
}

/** The orphan choices from --remove-orphans and the environment. */
export function orphanChoices(removeFlag: boolean | undefined, env: NodeJS.ProcessEnv = process.env): OrphanChoices {
  const ignoreOrphans = envBool(env, 'COMPOSE_IGNORE_ORPHANS');
  if (ignoreOrphans && removeFlag === true) {
    throw new BerthError('invalid', 'orphans.conflict', 'COMPOSE_IGNORE_ORPHANS cannot be combined with --remove-orphans', { hint: 'unset COMPOSE_IGNORE_ORPHANS, or drop --remove-orphans' });
  }
  return { removeOrphans: removeFlag === true || (!ignoreOrphans && envBool(env, 'COMPOSE_REMOVE_ORPHANS')), ignoreOrphans };
}

function envBool(env: NodeJS.ProcessEnv, name: string): boolean {
  return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(env[name] ?? '');
}
