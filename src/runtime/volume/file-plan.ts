/**
 * Secrets and configs as planned files: the target (secrets under /run/secrets, configs under /), the
 * owner and mode (secrets 0400, configs 0444 unless given), and the content source, with `environment`
 * sources read from the project's env here so a missing variable fails before anything is made. Pure.
 */
import { posix } from 'node:path';
import { BerthError } from '../../errors/index.js';
import type { FileRequest } from './storage-request.js';

/** A secret or config file to write and bind read-only into the container. */
export interface PlannedFile {
  kind: 'file';
  file: 'secret' | 'config';
  name: string;
  source: { file: string } | { content: string };
  target: string;
  mode: number;
  uid: number;
  gid: number;
}

const NAME = /^[a-zA-Z0-9._-]+$/;

/** The container path of a secret or config. */
export function fileTarget(kind: 'secret' | 'config', name: string, target: string | undefined): string {
  const path = target ?? name;
  return posix.normalize(posix.isAbsolute(path) ? path : kind === 'secret' ? `/run/secrets/${path}` : `/${path}`);
}

/** The planned file of `request`; `env` gives the values of `environment:` sources. */
export function planFile(request: FileRequest, env: Readonly<Record<string, string | undefined>>): PlannedFile {
  const what = `${request.kind} ${request.name}`;
  if (!NAME.test(request.name) || /^\.+$/.test(request.name)) {
    throw new BerthError('invalid', `${request.kind}.invalid-name`, `${what}: the name is not valid`, { hint: 'use letters, digits, `.`, `_` and `-`' });
  }
  return {
    kind: 'file', file: request.kind, name: request.name, source: contentSource(request, env),
    target: fileTarget(request.kind, request.name, request.target),
    mode: (request.mode ?? (request.kind === 'secret' ? 0o400 : 0o444)) & 0o7777,
    uid: numericId(what, 'uid', request.uid), gid: numericId(what, 'gid', request.gid),
  };
}

function contentSource(request: FileRequest, env: Readonly<Record<string, string | undefined>>): PlannedFile['source'] {
  const source = request.source;
  if (!('environment' in source)) {
    if ('file' in source && !posix.isAbsolute(source.file)) {
      throw new BerthError('invalid', `${request.kind}.relative-file`, `${request.kind} ${request.name}: file ${source.file} is not an absolute path`, { hint: 'give the file relative to the project directory' });
    }
    return source;
  }
  const value = env[source.environment];
  if (value === undefined) {
    throw new BerthError('invalid', `${request.kind}.environment-missing`, `${request.kind} ${request.name}: environment variable ${source.environment} is not set`, {
      hint: `set ${source.environment} in the shell or in the project's .env file`,
    });
  }
  return { content: value };
}

function numericId(what: string, key: 'uid' | 'gid', value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d+$/.test(value) || Number(value) > 0xfffffffe) {
    throw new BerthError('invalid', 'mount.invalid-owner', `${what}: ${key} ${JSON.stringify(value)} is not a number`, { hint: `give ${key} as a number, such as 1000` });
  }
  return Number(value);
}
