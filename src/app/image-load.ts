/**
 * `berth load` and `berth import`: images from archive files and plain root file systems.
 */
import { importRootfs, loadArchive, parsePlatform, type ImageRecord, type LoadedImage } from '../runtime/image/index.js';
import { imageRoots } from './image-options.js';

/** Loads a docker-save or OCI archive; returns the loaded images. */
export async function loadImages(file: string, options: { platform?: string | undefined } = {}): Promise<LoadedImage[]> {
  return loadArchive(imageRoots(), file, options.platform === undefined ? {} : { platform: parsePlatform(options.platform) });
}

/** Imports a tarball or directory as a one-layer image named `reference`. */
export async function importImage(source: string, reference: string): Promise<ImageRecord> {
  return importRootfs(imageRoots(), source, reference);
}
