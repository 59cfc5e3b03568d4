/**
 * `berth rmi` and `berth image prune`: untag and delete images, then the layers and blobs nothing uses.
 * The images containers use come from the runtime's records (image-usage.ts), read just before removing.
 */
import { pruneImages as pruneStore, removeImage, type RemovalReport } from '../runtime/image/index.js';
import { imageRoots } from './image-options.js';
import { imagesInUse } from './image-usage.js';

/** Removes each named image (by reference or id), in order; an image a container uses is refused. */
export async function removeImages(names: string[], options: { force?: boolean } = {}): Promise<RemovalReport[]> {
  const roots = imageRoots();
  const reports: RemovalReport[] = [];
  for (const name of names) reports.push(await removeImage(roots, name, { force: options.force ?? false, inUse: await imagesInUse(roots) }));
  return reports;
}

/** Deletes untagged images (all unused ones with `all`) and unused layers, sparing images containers use. */
export async function pruneImages(options: { all?: boolean } = {}): Promise<RemovalReport> {
  const roots = imageRoots();
  return pruneStore(roots, { all: options.all ?? false, inUse: await imagesInUse(roots) });
}
