/**
 * Unpacked layers, each stored once by diff id: unpacked into staging, checked, then renamed to
 * layers/<hex>/diff with its short link l/<id>. A per-layer lock makes concurrent pulls of one layer
 * fetch and unpack it once; a failed unpack removes its staging directory, so a layer directory, when
 * present, is complete. Callers building an image pin each layer (layer-pins.ts) so a sweep spares it.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { BerthError } from '../../errors/index.js';
import type { StateRoots } from '../state-roots.js';
import { digestMismatch } from './blob-store.js';
import type { LayerPins } from './layer-pins.js';
import { unpackLayer, type UnpackOptions, type UnpackResult } from './layer-unpack.js';
import { storeWriteError } from './store-errors.js';
import { withStoreLock } from './store-lock.js';
import { digestHex, layerDir, layerLinkName, layerLinkPath, storeDir, tmpDir } from './store-layout.js';

/** What the store keeps about a layer besides its files. */
export interface LayerMeta {
  diffId: string;
  /** Digest and size of the blob it was unpacked from. */
  digest: string;
  size: number;
  entries: number;
  skippedDevices: number;
}

/** Unpack options plus the pins of the operation the layer is for. */
export interface LayerOptions extends UnpackOptions {
  pins?: LayerPins | undefined;
}

/** Whether a layer is unpacked in the store. */
export async function hasLayer(roots: StateRoots, diffId: string): Promise<boolean> {
  return stat(join(layerDir(roots, diffId), 'diff')).then(() => true, () => false);
}

/** The stored facts of a layer. */
export async function layerMeta(roots: StateRoots, diffId: string): Promise<LayerMeta> {
  return JSON.parse(await readFile(join(layerDir(roots, diffId), 'meta.json'), 'utf8')) as LayerMeta;
}

/** Makes sure the layer `diffId` is unpacked, opening its blob only when it is missing. */
export async function ensureLayer(
  roots: StateRoots, diffId: string, expectedDigest: string | undefined, open: () => Promise<Readable>, options: LayerOptions = {},
): Promise<LayerMeta> {
  await options.pins?.add(diffId);
  return withStoreLock(roots, `layer-${digestHex(diffId)}`, async () => {
    if (await hasLayer(roots, diffId)) return layerMeta(roots, diffId);
    return stageLayer(roots, `layer ${diffId}`, await open(), options, async (staging, result) => {
      if (result.diffId !== diffId) throw digestMismatch(`layer ${expectedDigest ?? diffId} (uncompressed)`, diffId, result.diffId);
      if (expectedDigest !== undefined && result.digest !== expectedDigest) throw digestMismatch(`layer ${expectedDigest}`, expectedDigest, result.digest);
      return installLayer(roots, staging, result);
    });
  });
}

/** Unpacks a layer whose diff id is not known in advance (import, archives without configs). */
export async function addLayer(roots: StateRoots, source: Readable, options: LayerOptions = {}): Promise<LayerMeta> {
  return stageLayer(roots, 'layer', source, options, async (staging, result) => {
    await options.pins?.add(result.diffId);
    return withStoreLock(roots, `layer-${digestHex(result.diffId)}`, async () =>
      (await hasLayer(roots, result.diffId)) ? layerMeta(roots, result.diffId) : installLayer(roots, staging, result));
  });
}

async function stageLayer(
  roots: StateRoots, what: string, source: Readable, options: UnpackOptions,
  finish: (staging: string, result: UnpackResult) => Promise<LayerMeta>,
): Promise<LayerMeta> {
  const staging = join(tmpDir(roots), `layer-${randomBytes(8).toString('hex')}`);
  try {
    await mkdir(join(staging, 'diff'), { recursive: true, mode: 0o755 });
    const result = await unpackLayer(source, join(staging, 'diff'), options);
    return await finish(staging, result);
  } catch (error) {
    source.destroy();
    throw corruptLayer(storeWriteError(error, what), what);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function installLayer(roots: StateRoots, staging: string, result: UnpackResult): Promise<LayerMeta> {
  const meta: LayerMeta = {
    diffId: result.diffId, digest: result.digest, size: result.size, entries: result.entries, skippedDevices: result.skippedDevices,
  };
  await writeFile(join(staging, 'meta.json'), `${JSON.stringify(meta)}\n`);
  await writeFile(join(staging, 'link'), layerLinkName(result.diffId));
  await mkdir(join(storeDir(roots), 'layers'), { recursive: true });
  await mkdir(join(storeDir(roots), 'l'), { recursive: true });
  await rm(layerLinkPath(roots, result.diffId), { force: true });
  await symlink(join('..', 'layers', digestHex(result.diffId), 'diff'), layerLinkPath(roots, result.diffId));
  await rename(staging, layerDir(roots, result.diffId));
  return meta;
}

/** Removes a layer and its short link (idempotent), unless `keep`, asked under the layer's lock, says no; returns whether it did. */
export async function removeLayer(roots: StateRoots, diffId: string, keep: () => Promise<boolean> = async () => false): Promise<boolean> {
  return withStoreLock(roots, `layer-${digestHex(diffId)}`, async () => {
    if (await keep()) return false;
    await rm(layerLinkPath(roots, diffId), { force: true });
    await rm(layerDir(roots, diffId), { recursive: true, force: true });
    return true;
  });
}

/** A decompression or tar error (not a file-system one) means the layer data is damaged. */
function corruptLayer(error: unknown, what: string): unknown {
  if (error instanceof BerthError || (error as NodeJS.ErrnoException).errno !== undefined) return error;
  return new BerthError('invalid', 'image.layer-corrupt', `${what} cannot be unpacked: ${(error as Error).message}`, {
    hint: 'the layer data is damaged or not a tar archive; nothing was stored: get the image again from its source', cause: error,
  });
}
