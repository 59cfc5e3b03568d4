/**
 * The host files a container's secrets and configs are bound from. A declared file is bound as it is
 * (Compose ignores uid, gid and mode there, with a warning); content and environment sources are written
 * under BERTH_RUN/compose-files/<id> with the reference's owner and mode, read from the project
 * environment, and removed with the container.
 */
import { chmodSync, chownSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BerthError, type BerthWarning } from '../../errors/index.js';
import { statePath, type StateRoots } from '../../runtime/state-roots.js';
import type { FileReference, Project, Service } from '../../spec/model.js';

/** Host files of the service's secrets and configs, by `secrets:<name>` / `configs:<name>` (default owner root, mode 0444). */
export function fileSources(roots: StateRoots, project: Project, service: Service, id: string, warnings: BerthWarning[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [kind, refs, objects] of [['secrets', service.secrets, project.secrets], ['configs', service.configs, project.configs]] as const) {
    for (const ref of refs ?? []) {
      const object = objects[ref.source];
      if (object?.file !== undefined) {
        if (!existsSync(object.file)) throw missingFile(service, kind, ref.source, object.file);
        if (ref.uid !== undefined || ref.gid !== undefined || ref.mode !== undefined) warnings.push(fileOwnerIgnored(service, kind, ref.source));
        out[`${kind}:${ref.source}`] = object.file;
        continue;
      }
      const path = join(composeFilesDir(roots, id), `${kind}-${ref.source}`);
      writeFileSource(path, fileContent(project, service, kind, ref.source), ref, `service ${service.name}: ${kind}.${ref.source}`);
      out[`${kind}:${ref.source}`] = path;
    }
  }
  return out;
}

/** The content of a secret or config without a file: inline, or from the project environment. */
function fileContent(project: Project, service: Service, kind: 'secrets' | 'configs', source: string): string {
  const object = project[kind][source];
  if (object?.content !== undefined) return object.content;
  if (object?.environment === undefined) {
    throw new BerthError('invalid', 'service.file-source', `service ${service.name}: ${kind} ${source} has no file, content or environment source`, {
      hint: `declare ${kind}.${source} with file:, content: or environment:`,
    });
  }
  const value = project.environment[object.environment];
  if (value !== undefined) return value;
  throw new BerthError('invalid', 'service.file-source-unset', `service ${service.name}: environment variable ${object.environment} required by ${kind} ${source} is not set`, {
    hint: `set ${object.environment} in the environment or in the project's .env file`,
  });
}

function writeFileSource(path: string, content: string, ref: FileReference, what: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, content, { mode: 0o600 });
  chownSync(path, numericId(ref.uid, `${what}.uid`), numericId(ref.gid, `${what}.gid`));
  chmodSync(path, ref.mode ?? 0o444);
}

function numericId(value: string | undefined, what: string): number {
  if (value === undefined) return 0;
  if (/^\d+$/.test(value)) return Number(value);
  throw new BerthError('invalid', 'service.file-owner', `${what} is ${JSON.stringify(value)}, not a numeric id`, { hint: 'give uid and gid as numbers, e.g. "1000"' });
}

function missingFile(service: Service, kind: 'secrets' | 'configs', source: string, file: string): BerthError {
  return new BerthError('not-found', 'service.file-source-missing', `service ${service.name}: file ${file} of ${kind} ${source} does not exist`, {
    hint: `create it, or fix ${kind}.${source}.file`,
  });
}

function fileOwnerIgnored(service: Service, kind: 'secrets' | 'configs', source: string): BerthWarning {
  return {
    code: 'service.file-owner-ignored',
    message: `service ${service.name}: ${kind} ${source} is a bound file, so its uid, gid and mode are ignored (as Compose does); set them on the host file, or use content: or environment:`,
  };
}

/** Where `up` writes a container's secret and config contents (removed with the container). */
export function composeFilesDir(roots: StateRoots, id: string): string {
  return statePath(roots, 'run', 'compose-files', id);
}
