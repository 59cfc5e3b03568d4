/**
 * Removing images and what nothing uses any more. Reference counting is computed, not stored: a layer or
 * blob is in use while some image record names it, and an image is in use while a reference names it or
 * the caller says a container uses it (`inUse`, image ids from the runtime). Sweeps hold no global lock;
 * each layer removal holds that layer's lock, so a concurrent pull of it waits or re-unpacks.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BerthError } from '../../errors/index.js';
import type { StateRoots } from '../state-roots.js';
import { deleteImageRecord, listImageRecords, type ImageRecord } from './image-record.js';
import { removeLayer } from './layer-store.js';
import { listReferences, referencesOf, resolveImage, untagReferences } from './repositories.js';
import { blobPath, storeDir, tmpDir } from './store-layout.js';

/** What a removal did. */
export interface RemovalReport {
  untagged: string[];
  deletedImages: string[];
  deletedLayers: number;
}

/** `rmi`: untags `text` (or every reference, given an id); deletes the image once nothing names it. */
export async function removeImage(roots: StateRoots, text: string, options: { force?: boolean; inUse?: Set<string> } = {}): Promise<RemovalReport> {
  const { id, key } = await resolveImage(roots, text, (await listImageRecords(roots)).map((r) => r.id));
  if (options.inUse?.has(id) === true && options.force !== true) {
    throw new BerthError('conflict', 'image.in-use', `image '${text}' is used by a container`, {
      hint: 'remove the containers first (berth down), or pass --force',
    });
  }
  const refs = await listReferences(roots);
  const names = referencesOf(refs, id);
  if (key === undefined && names.length > 1 && options.force !== true) {
    throw new BerthError('conflict', 'image.many-references', `image ${id.slice(7, 19)} has several references (${names.join(', ')})`, {
      hint: 'remove it by reference, or pass --force to remove them all',
    });
  }
  const untagged = await untagReferences(roots, key === undefined ? names : [key]);
  const remaining = referencesOf(await listReferences(roots), id);
  const deletedImages = remaining.length === 0 ? [await deleteImage(roots, id)] : [];
  return { untagged, deletedImages, deletedLayers: await sweepLayers(roots) };
}

/** `image prune`: deletes images nothing names (with `all`, every image no container uses) and stale staging. */
export async function pruneImages(roots: StateRoots, options: { all?: boolean; inUse?: Set<string> } = {}): Promise<RemovalReport> {
  const refs = await listReferences(roots);
  const untagged: string[] = [];
  const deletedImages: string[] = [];
  for (const record of await listImageRecords(roots)) {
    if (options.inUse?.has(record.id) === true) continue;
    const names = referencesOf(refs, record.id);
    if (names.length > 0 && options.all !== true) continue;
    untagged.push(...(await untagReferences(roots, names)));
    deletedImages.push(await deleteImage(roots, record.id));
  }
  await sweepStaging(roots);
  return { untagged, deletedImages, deletedLayers: await sweepLayers(roots) };
}

/** Staging left by a pull or load that crashed: anything in tmp/ untouched for an hour. */
async function sweepStaging(roots: StateRoots, maxAgeMs = 3_600_000): Promise<void> {
  const dir = tmpDir(roots);
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (info !== undefined && Date.now() - info.mtimeMs > maxAgeMs) await rm(join(dir, name), { recursive: true, force: true });
  }
}

async function deleteImage(roots: StateRoots, id: string): Promise<string> {
  const records = await listImageRecords(roots);
  const record = records.find((r) => r.id === id);
  await deleteImageRecord(roots, id);
  const stillUsed = new Set(records.filter((r) => r.id !== id).flatMap((r) => [r.id, ...(r.manifestDigest === undefined ? [] : [r.manifestDigest])]));
  for (const digest of [id, record?.manifestDigest]) {
    if (digest !== undefined && !stillUsed.has(digest)) await rm(blobPath(roots, digest), { force: true });
  }
  return id;
}

/** Removes every unpacked layer no image record names; returns how many. */
export async function sweepLayers(roots: StateRoots): Promise<number> {
  const used = new Set((await listImageRecords(roots)).flatMap((r: ImageRecord) => r.layers.map((l) => l.diffId.slice(7))));
  const stored = await readdir(join(storeDir(roots), 'layers')).catch(() => [] as string[]);
  let removed = 0;
  for (const hex of stored.filter((h) => /^[a-f0-9]{64}$/.test(h) && !used.has(h))) {
    await removeLayer(roots, `sha256:${hex}`);
    removed += 1;
  }
  return removed;
}
