/**
 * The step cache: BERTH_ROOT/build-cache/steps/<key>.json maps a step's key to the layer it made. A key
 * chains the parent's key with the instruction after substitution (which carries the build args RUN
 * sees) and, for COPY/ADD, the content hash of what it reads. Records are written atomically after the
 * layer is in the store; a record whose layer was removed since counts as a miss.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Instruction } from '../../dockerfile/index.js';
import { existsSync } from 'node:fs';
import { layerDir } from '../image/store-layout.js';
import { readJsonAsync, writeJsonAtomicAsync } from '../state/atomic-file.js';
import { statePath, type StateRoots } from '../state-roots.js';

/** A cached step: the layer it added. */
export interface StepRecord {
  diffId: string;
  digest: string;
  size: number;
  /** When the layer was made (ISO time): an image's `created` is its newest layer's, so an all-cached rebuild gives the same image id. */
  created?: string;
  /** The step changed no file: the image gets a history entry but no layer (as BuildKit does), so no-op steps add no lower dir. */
  empty?: boolean;
}

/** The key of the step after `parent` running `instruction` (and reading `content`, for COPY/ADD). */
export function stepKey(parent: string, instruction: Instruction, content = ''): string {
  const { line: _line, endLine: _end, text: _text, ...body } = instruction;
  return createHash('sha256').update(`${parent}\n${JSON.stringify(body)}\n${content}`).digest('hex');
}

/** The chain key of a base image or of scratch. */
export function baseKey(imageId: string | undefined): string {
  return createHash('sha256').update(`from\n${imageId ?? 'scratch'}`).digest('hex');
}

/** The directory of build caches (step records, RUN cache mounts). */
export function buildCacheDir(roots: StateRoots, ...parts: string[]): string {
  return statePath(roots, 'root', 'build-cache', ...parts);
}

/** The cached layer of `key`, when its record and layer are both present. */
export async function cachedStep(roots: StateRoots, key: string): Promise<StepRecord | undefined> {
  const record = await readJsonAsync<StepRecord>(join(buildCacheDir(roots, 'steps'), `${key}.json`)).catch(() => undefined);
  // The store renames a layer dir into place only when complete, so its `diff` dir existing means the layer is whole.
  if (record === undefined || !existsSync(join(layerDir(roots, record.diffId), 'diff'))) return undefined;
  return record;
}

/** Records the layer made by step `key`. */
export async function recordStep(roots: StateRoots, key: string, record: StepRecord): Promise<void> {
  await writeJsonAtomicAsync(join(buildCacheDir(roots, 'steps'), `${key}.json`), record);
}
