/**
 * Removing images and what nothing uses any more. Reference counting is computed, not stored: a layer or
 * blob is in use while some image record names it, and an image is in use while a reference names it or
 * the caller says a container uses it (`inUse`: image id → its containers, from the runtime's records). Sweeps hold no global lock:
 * each layer removal holds that layer's lock and re-checks, under it, the pins of running pulls and loads
 * (read first) and then the records, so a layer a pull just unpacked is never removed before its record.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BerthError } from '../../errors/index.js';
import type { StateRoots } from '../state-roots.js';
import { deleteImageRecord, listImageRecords } from './image-record.js';
import { pinnedDigests } from './layer-pins.js';
import { removeLayer } from './layer-store.js';
import { listReferences, referencesOf, resolveImage, untagReferences } from './repositories.js';
import { blobPath, storeDir, tmpDir } from './store-layout.js';

/** What a removal did. */
export interface RemovalReport {
  untagged: string[];
  deletedImages: string[];
  deletedLayers: number;
}

/** A container using an image, as the caller observed it. */
export interface ImageUser {
  container: string;
  running: boolean;
}

/** Image id → the containers using it. */
export type ImagesInUse = ReadonlyMap<string, readonly ImageUser[]>;

/**
 * `rmi`: untags `text` (or every reference, given an id); deletes the image once nothing names it and no
 * container uses it. An image a container uses is refused, with --force too when one of them runs; with
 * --force and only stopped users it is untagged and kept (dangling) for them, as Docker does.
 */
export async function removeImage(roots: StateRoots, text: string, options: { force?: boolean; inUse?: ImagesInUse } = {}): Promise<RemovalReport> {
  const { id, key } = await resolveImage(roots, text, (await listImageRecords(roots)).map((r) => r.id));
  const users = options.inUse?.get(id) ?? [];
  refuseInUse(text, users, options.force === true);
  const refs = await listReferences(roots);
  const names = referencesOf(refs, id);
  if (key === undefined && names.length > 1 && options.force !== true) {
    throw new BerthError('conflict', 'image.many-references', `image ${id.slice(7, 19)} has several references (${names.join(', ')})`, {
      hint: 'remove it by reference, or pass --force to remove them all',
    });
  }
  const untagged = await untagReferences(roots, key === undefined ? names : [key]);
  const remaining = referencesOf(await listReferences(roots), id);
  const deletedImages = remaining.length === 0 && users.length === 0 ? [await deleteImage(roots, id)] : [];
  return { untagged, deletedImages, deletedLayers: await sweepLayers(roots) };
}

function refuseInUse(text: string, users: readonly ImageUser[], force: boolean): void {
  const running = users.filter((u) => u.running).map((u) => u.container);
  const names = (list: string[]): string => `container${list.length > 1 ? 's' : ''} ${list.join(', ')}`;
  if (running.length > 0) {
    throw new BerthError('conflict', 'image.in-use', `image '${text}' is used by the running ${names(running)}`, {
      hint: 'stop and remove the container first (berth down, or berth runtime rm --force); --force does not free a running container\'s image',
    });
  }
  if (users.length > 0 && !force) {
    throw new BerthError('conflict', 'image.in-use', `image '${text}' is used by the stopped ${names(users.map((u) => u.container))}`, {
      hint: 'remove the container first, or pass --force to untag the image and keep it for the container',
    });
  }
}

/** `image prune`: deletes images nothing names (with `all`, every image no container uses) and stale staging. */
export async function pruneImages(roots: StateRoots, options: { all?: boolean; inUse?: ImagesInUse } = {}): Promise<RemovalReport> {
  const pinned = await pinnedDigests(roots);
  const refs = await listReferences(roots);
  const untagged: string[] = [];
  const deletedImages: string[] = [];
  for (const record of await listImageRecords(roots)) {
    if ((options.inUse?.get(record.id)?.length ?? 0) > 0 || pinned.has(record.id)) continue;
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
  const used = await usedLayers(roots);
  const stored = await readdir(join(storeDir(roots), 'layers')).catch(() => [] as string[]);
  let removed = 0;
  for (const hex of stored.filter((h) => /^[a-f0-9]{64}$/.test(h) && !used.has(`sha256:${h}`))) {
    const diffId = `sha256:${hex}`;
    if (await removeLayer(roots, diffId, async () => (await usedLayers(roots)).has(diffId))) removed += 1;
  }
  return removed;
}

/** Layers that pins or records name; pins are read first (see the header). */
async function usedLayers(roots: StateRoots): Promise<Set<string>> {
  const used = await pinnedDigests(roots);
  for (const record of await listImageRecords(roots)) for (const layer of record.layers) used.add(layer.diffId);
  return used;
}
