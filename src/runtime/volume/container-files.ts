/**
 * Secrets and configs materialised as files in the container's state dir (BERTH_RUN/containers/<id>/
 * secrets/<name> and configs/<name>), with the planned owner and mode, for a read-only bind at their
 * target. They live and die with the container's state dir, which deleteContainer removes.
 */
import { chmodSync, chownSync, mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { BerthError } from '../../errors/index.js';
import { containerPaths } from '../container/container-paths.js';
import type { StateRoots } from '../state-roots.js';
import type { PlannedFile } from './file-plan.js';

/** Throws a clear error when the source file of `file` is missing, before anything is made. */
export function checkFileSource(file: PlannedFile): void {
  if (!('file' in file.source)) return;
  const stat = statSync(file.source.file, { throwIfNoEntry: false });
  if (stat?.isFile() === true) return;
  throw new BerthError('not-found', `${file.file}.file-missing`, `${file.file} ${file.name}: file ${file.source.file} ${stat === undefined ? 'does not exist' : 'is not a regular file'}`, {
    hint: `create the file, or change \`file:\` of ${file.file} ${file.name} in the project`,
  });
}

/** Writes `file` for container `containerId`; returns its host path. */
export function writeContainerFile(roots: StateRoots, containerId: string, file: PlannedFile): string {
  const { stateDir } = containerPaths(roots, containerId);
  const dir = `${stateDir}/${file.file === 'secret' ? 'secrets' : 'configs'}`;
  mkdirSync(stateDir, { recursive: true, mode: 0o711 });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = `${dir}/${file.name}`;
  const content = 'file' in file.source ? readFileSync(file.source.file) : Buffer.from(file.source.content);
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600 });
  chownSync(tmp, file.uid, file.gid);
  chmodSync(tmp, file.mode);
  renameSync(tmp, path);
  return path;
}

/** Removes the secret and config files of container `containerId`, and its state dir if nothing else is in it. */
export function removeContainerFiles(roots: StateRoots, containerId: string): void {
  const { stateDir } = containerPaths(roots, containerId);
  for (const dir of ['secrets', 'configs']) rmSync(`${stateDir}/${dir}`, { recursive: true, force: true });
  try {
    rmdirSync(stateDir);
  } catch {
    // the container exists (its records are there) or the dir was never made: either way it stays as it is
  }
}
