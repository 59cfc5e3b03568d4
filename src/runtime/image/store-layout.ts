/**
 * Where the image store keeps things under BERTH_ROOT/images: `blobs/sha256/<hex>` (manifests, configs,
 * indexes: OCI layout semantics), `layers/<diff-hex>/diff` (each layer unpacked once, by diff id) with a
 * short link `l/<id>` to it so overlay option strings stay short, `images/<config-hex>.json` (one record
 * per image), `repositories.json` (reference → image id) and `tmp/` (staging, same filesystem).
 */
import { join } from 'node:path';
import { BerthError } from '../../errors/index.js';
import { statePath, type StateRoots } from '../state-roots.js';

/** The store's base directory. */
export function storeDir(roots: StateRoots): string {
  return statePath(roots, 'root', 'images');
}

/** The hex part of a `sha256:<hex>` digest, refusing any other form (it becomes a file name). */
export function digestHex(digest: string): string {
  const match = /^sha256:([a-f0-9]{64})$/.exec(digest);
  if (match === null) {
    throw new BerthError('invalid', 'image.invalid-digest', `'${digest}' is not a sha256 digest`, {
      hint: 'digests are written sha256:<64 hex digits>',
    });
  }
  return match[1]!;
}

/** Path of a blob by digest. */
export function blobPath(roots: StateRoots, digest: string): string {
  return join(storeDir(roots), 'blobs', 'sha256', digestHex(digest));
}

/** Directory of a layer by diff id (holds `diff/`, `link`, `meta.json`). */
export function layerDir(roots: StateRoots, diffId: string): string {
  return join(storeDir(roots), 'layers', digestHex(diffId));
}

/** The short link name of a layer: 12 hex digits, so 100 lower dirs fit in one page of mount options. */
export function layerLinkName(diffId: string): string {
  return digestHex(diffId).slice(0, 12);
}

/** The short path overlay gets for a layer's contents (`l/<id>` → `../layers/<hex>/diff`). */
export function layerLinkPath(roots: StateRoots, diffId: string): string {
  return join(storeDir(roots), 'l', layerLinkName(diffId));
}

/** Path of an image record by image id (the config digest). */
export function imageRecordPath(roots: StateRoots, imageId: string): string {
  return join(storeDir(roots), 'images', `${digestHex(imageId)}.json`);
}

/** The reference index file. */
export function repositoriesPath(roots: StateRoots): string {
  return join(storeDir(roots), 'repositories.json');
}

/** The staging directory (same filesystem as the store, so renames are atomic). */
export function tmpDir(roots: StateRoots): string {
  return join(storeDir(roots), 'tmp');
}
