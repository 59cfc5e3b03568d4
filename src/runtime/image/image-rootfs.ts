/**
 * What the runtime needs to stack an image: the overlay lower dirs (top layer first, as `lowerdir=`
 * wants, each the short `l/<id>` link so a 100-layer option string stays within a page) and the image's
 * runtime config. A layer an image repeats (a build that made the same layer twice) is stacked once, at
 * its topmost place: overlayfs refuses a lower dir given twice (ELOOP), and a lower copy of a layer is
 * hidden by its own upper copy anyway. Fails when a layer is missing rather than giving a partial stack.
 */
import { BerthError } from '../../errors/index.js';
import type { StateRoots } from '../state-roots.js';
import { getBlob } from './blob-store.js';
import { parseConfig } from './image-commit.js';
import type { ImageRuntimeConfig } from './image-config.js';
import { readImageRecord, listImageRecords, type LayerRef } from './image-record.js';
import { hasLayer } from './layer-store.js';
import { resolveImage } from './repositories.js';
import { layerLinkPath } from './store-layout.js';

export interface ImageRootfs {
  imageId: string;
  /** Top layer first, ready for `lowerdir=` joined with ':'. */
  lowerDirs: string[];
  config: ImageRuntimeConfig;
}

/** The lower dirs and config of a stored image, by reference or id. */
export async function imageRootfs(roots: StateRoots, ref: string): Promise<ImageRootfs> {
  const ids = (await listImageRecords(roots)).map((r) => r.id);
  const { id } = await resolveImage(roots, ref, ids);
  const record = await readImageRecord(roots, id);
  for (const layer of record.layers) {
    if (!(await hasLayer(roots, layer.diffId))) {
      throw new BerthError('precondition', 'image.layer-missing', `layer ${layer.diffId} of image '${ref}' is missing from the store`, {
        hint: `remove the image (berth rmi ${ref}) and pull or load it again`,
      });
    }
  }
  const config = parseConfig(await getBlob(roots, id), `image '${ref}'`).config ?? {};
  return { imageId: id, lowerDirs: layerLowerDirs(roots, record.layers), config };
}

/** The overlay lower dirs of `layers` (bottom first): top first, each layer once, at its topmost place. */
export function layerLowerDirs(roots: StateRoots, layers: readonly LayerRef[]): string[] {
  return distinctTopmost(layers.map((l) => layerLinkPath(roots, l.diffId)).reverse());
}

/** `dirs` (top first) without repeats, each kept where it first (topmost) appears. */
export function distinctTopmost(dirs: readonly string[]): string[] {
  return [...new Set(dirs)];
}
