/**
 * Content-addressed blobs (manifests, configs, indexes) under blobs/sha256: written to staging, checked
 * against their digest and renamed into place, so a blob file, when present, is always complete and right.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BerthError } from '../../errors/index.js';
import type { StateRoots } from '../state-roots.js';
import { storeWriteError } from './store-errors.js';
import { blobPath, tmpDir } from './store-layout.js';

/** The sha256 digest of some bytes. */
export function digestOf(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** Stores bytes as a blob; when `expected` is given the bytes must match it. Returns the digest. */
export async function putBlob(roots: StateRoots, data: Buffer, expected?: string, what = 'blob'): Promise<string> {
  const digest = digestOf(data);
  if (expected !== undefined && expected !== digest) throw digestMismatch(what, expected, digest);
  const path = blobPath(roots, digest);
  if (await hasBlob(roots, digest)) return digest;
  await mkdir(dirname(path), { recursive: true });
  await mkdir(tmpDir(roots), { recursive: true });
  const staging = join(tmpDir(roots), `blob-${randomBytes(8).toString('hex')}`);
  try {
    await writeFile(staging, data);
    await rename(staging, path);
  } catch (error) {
    await rm(staging, { force: true });
    throw storeWriteError(error, what);
  }
  return digest;
}

/** Whether a blob is stored. */
export async function hasBlob(roots: StateRoots, digest: string): Promise<boolean> {
  return stat(blobPath(roots, digest)).then(() => true, () => false);
}

/** Reads a stored blob. */
export async function getBlob(roots: StateRoots, digest: string): Promise<Buffer> {
  try {
    return await readFile(blobPath(roots, digest));
  } catch (error) {
    throw new BerthError('not-found', 'image.blob-missing', `blob ${digest} is not in the image store`, {
      hint: 'pull or load the image again', cause: error,
    });
  }
}

/** The error for content whose digest is not the one announced. */
export function digestMismatch(what: string, expected: string, actual: string): BerthError {
  return new BerthError('system', 'image.digest-mismatch', `${what}: digest mismatch (expected ${expected}, got ${actual})`, {
    hint: 'the content was corrupted or tampered with on the way; nothing was stored: try again, or check the source',
  });
}
