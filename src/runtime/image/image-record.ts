/**
 * One record per stored image, keyed by image id (the config digest): its layers in order (bottom
 * first), where it came from, and its size. Records are what reference counting counts: a layer or blob
 * is in use while some record names it.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { BerthError } from '../../errors/index.js';
import type { StateRoots } from '../state-roots.js';
import { readJsonAsync, writeJsonAtomicAsync } from '../state/atomic-file.js';
import { storeWriteError } from './store-errors.js';
import { imageRecordPath, storeDir } from './store-layout.js';

/** A layer of an image: its diff id (the unpacked tar) and the blob it came from. */
export interface LayerRef {
  diffId: string;
  digest: string;
  size: number;
}

export interface ImageRecord {
  /** The config digest. */
  id: string;
  /** Digest of the manifest it was pulled or loaded with, when there was one. */
  manifestDigest: string | undefined;
  /** `registry/repository@digest` names this image was pulled as. */
  repoDigests: string[];
  /** Bottom layer first, as in the config's rootfs.diff_ids. */
  layers: LayerRef[];
  os: string;
  architecture: string;
  variant: string | undefined;
  /** The config's `created`, when set. */
  created: string | undefined;
  /** When it entered this store (ISO time). */
  stored: string;
}

/** Writes (or replaces) an image record. */
export async function writeImageRecord(roots: StateRoots, record: ImageRecord): Promise<void> {
  await writeJsonAtomicAsync(imageRecordPath(roots, record.id), record).catch((error: unknown) => {
    throw storeWriteError(error, `the record of image ${record.id}`);
  });
}

/** Reads an image record, or undefined when the image is not stored. */
export async function findImageRecord(roots: StateRoots, id: string): Promise<ImageRecord | undefined> {
  return readJsonAsync<ImageRecord>(imageRecordPath(roots, id));
}

/** Reads an image record that must exist. */
export async function readImageRecord(roots: StateRoots, id: string): Promise<ImageRecord> {
  const record = await findImageRecord(roots, id);
  if (record === undefined) {
    throw new BerthError('not-found', 'image.not-found', `image ${id} is not in the image store`, { hint: 'pull or load it first' });
  }
  return record;
}

/** Every stored image record. */
export async function listImageRecords(roots: StateRoots): Promise<ImageRecord[]> {
  const dir = join(storeDir(roots), 'images');
  const names = await readdir(dir).catch(() => [] as string[]);
  const records = await Promise.all(names.filter((n) => /^[a-f0-9]{64}\.json$/.test(n))
    .map((n) => findImageRecord(roots, `sha256:${n.slice(0, 64)}`)));
  return records.filter((r): r is ImageRecord => r !== undefined);
}

/** Deletes an image record (idempotent). */
export async function deleteImageRecord(roots: StateRoots, id: string): Promise<void> {
  await rm(imageRecordPath(roots, id), { force: true });
}

/** Total unpacked-blob size of an image. */
export function imageSize(record: ImageRecord): number {
  return record.layers.reduce((sum, layer) => sum + layer.size, 0);
}
