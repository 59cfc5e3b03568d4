/**
 * `berth image pull`: pulls images into the store with the process's roots, insecure-registry setting and
 * Docker credentials. `pullImages` is the reusable entry for the project-level `berth pull`.
 */
import { parsePlatform, pullImages as pullIntoStore, type ImageRecord, type PullListener, type PullResult } from '../runtime/image/index.js';
import { imageRoots, insecureRegistries } from './image-options.js';

export type { PullEvent, PullListener, PullResult } from '../runtime/image/index.js';

export interface ImagePullOptions {
  platform?: string | undefined;
  insecureRegistries?: string[] | undefined;
  concurrency?: number | undefined;
}

/** Pulls every reference in parallel; per-reference results (one failure does not stop the others). */
export async function pullImages(refs: string[], options: ImagePullOptions = {}, onProgress?: PullListener): Promise<PullResult[]> {
  return pullIntoStore(imageRoots(), refs, {
    platform: options.platform === undefined ? undefined : parsePlatform(options.platform),
    insecureRegistries: insecureRegistries(options.insecureRegistries),
    concurrency: options.concurrency,
  }, onProgress);
}

/** Pulls one reference; throws its failure. */
export async function pullOneImage(ref: string, options: ImagePullOptions = {}, onProgress?: PullListener): Promise<ImageRecord> {
  const [result] = await pullImages([ref], options, onProgress);
  if (result === undefined || 'error' in result) throw result?.error;
  return result.record;
}
