/**
 * `berth rmi` and `berth image prune`: untag and delete images, then the layers and blobs nothing uses.
 * Which images containers use is not known to the store yet, so these take no in-use set from here.
 */
import { pruneImages as pruneStore, removeImage, type RemovalReport } from '../runtime/image/index.js';
import { imageRoots } from './image-options.js';

/** Removes each named image (by reference or id), in order. */
export async function removeImages(names: string[], options: { force?: boolean } = {}): Promise<RemovalReport[]> {
  const roots = imageRoots();
  const reports: RemovalReport[] = [];
  for (const name of names) reports.push(await removeImage(roots, name, { force: options.force ?? false }));
  return reports;
}

/** Deletes untagged images (all unused ones with `all`) and unused layers. */
export async function pruneImages(options: { all?: boolean } = {}): Promise<RemovalReport> {
  return pruneStore(imageRoots(), { all: options.all ?? false });
}
