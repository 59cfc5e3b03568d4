/**
 * What the runtime needs to stack an image: the overlay lower dirs (top layer first, as `lowerdir=`
 * wants, each the short `l/<id>` link so a 100-layer option string stays within a page) and the image's
 * runtime config. Fails when a layer is missing rather than giving a partial stack.
 */
import { BerthError } from '../../errors/index.js';
import type { StateRoots } from '../state-roots.js';
import { getBlob } from './blob-store.js';
import { parseConfig } from './image-commit.js';
import type { ImageRuntimeConfig } from './image-config.js';
import { readImageRecord, listImageRecords } from './image-record.js';
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
  return { imageId: id, lowerDirs: record.layers.map((l) => layerLinkPath(roots, l.diffId)).reverse(), config };
}
