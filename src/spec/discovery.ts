/**
 * Phase 1, discovery: which compose files make up the project. Explicit `-f` files win, then
 * COMPOSE_FILE (split on COMPOSE_PATH_SEPARATOR), else the first of the standard names found in the
 * working directory or a parent, plus its override file. `-` stands for stdin. Pure: `exists` is injected.
 */
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { BerthError } from '../errors/index.js';
import type { WarningSink } from './warnings.js';

export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'] as const;
export const OVERRIDE_FILE_NAMES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'] as const;

/** The inputs of discovery. */
export interface DiscoveryInput {
  /** Where relative `-f` and COMPOSE_FILE paths start. */
  workingDir: string;
  /** Where the upward search for compose.yaml starts: --project-directory when given, as compose-go does. */
  searchDir?: string | undefined;
  /** `-f` values in order (`-` = stdin). */
  files: readonly string[];
  /** The COMPOSE_FILE value, if set. */
  composeFile: string | undefined;
  /** COMPOSE_PATH_SEPARATOR, default `:`. */
  pathSeparator: string | undefined;
  exists: (path: string) => boolean;
}

/** The compose files of the project, as absolute paths (or `-`), in merge order. */
export function discoverFiles(input: DiscoveryInput, warnings: WarningSink): string[] {
  const absolute = (f: string): string => (f === '-' ? f : isAbsolute(f) ? f : resolve(input.workingDir, f));
  if (input.files.length > 0) return input.files.map(absolute);
  if (input.composeFile !== undefined && input.composeFile !== '') {
    return input.composeFile.split(input.pathSeparator || ':').filter((f) => f !== '').map(absolute);
  }
  const start = input.searchDir ?? input.workingDir;
  for (let dir = start; ; dir = dirname(dir)) {
    const found = firstExisting(dir, COMPOSE_FILE_NAMES, input.exists);
    if (found !== undefined) return [found, ...overrideFor(dir, input.exists, warnings)];
    if (dirname(dir) === dir) break;
  }
  throw new BerthError('not-found', 'spec.no-compose-file', `no compose file found in ${start} or any parent directory`, {
    hint: `create ${COMPOSE_FILE_NAMES[0]}, or name the file with -f`,
  });
}

function firstExisting(dir: string, names: readonly string[], exists: (path: string) => boolean): string | undefined {
  const present = names.map((name) => join(dir, name)).filter(exists);
  return present[0];
}

function overrideFor(dir: string, exists: (path: string) => boolean, warnings: WarningSink): string[] {
  const present = OVERRIDE_FILE_NAMES.map((name) => join(dir, name)).filter(exists);
  if (present.length > 1) {
    warnings.add('spec.several-override-files', `several override files found in ${dir} (${present.map((p) => p.slice(dir.length + 1)).join(', ')}); using ${present[0]!.slice(dir.length + 1)}`);
  }
  return present.slice(0, 1);
}
