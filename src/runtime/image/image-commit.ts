/**
 * Turns unpacked layers plus an image config into a stored image: the config (and manifest) become blobs,
 * the layers are checked against the config's diff ids, then the record is written and the references
 * are pointed at it. References are written last, so a failure never leaves a reference to a half image.
 */
import { BerthError } from '../../errors/index.js';
import type { StateRoots } from '../state-roots.js';
import { putBlob } from './blob-store.js';
import type { ImageRuntimeConfig } from './image-config.js';
import type { LayerPins } from './layer-pins.js';
import { findImageRecord, writeImageRecord, type ImageRecord, type LayerRef } from './image-record.js';
import { tagImage } from './repositories.js';

/** An image config document (OCI / Docker), as far as the store reads it. */
export interface ImageConfigDocument {
  architecture?: string;
  os?: string;
  variant?: string;
  created?: string;
  config?: ImageRuntimeConfig;
  rootfs?: { type?: string; diff_ids?: string[] };
}

export interface CommitInput {
  config: Buffer;
  manifest?: { bytes: Buffer; digest: string } | undefined;
  layers: LayerRef[];
  references: string[];
  repoDigest?: string | undefined;
  /** What the image is called in errors. */
  what: string;
  /** The pins of the operation: the image is pinned before its record is written, so no prune takes it untagged. */
  pins?: LayerPins | undefined;
}

/** Parses the config blob of an image. */
export function parseConfig(bytes: Buffer, what: string): ImageConfigDocument {
  try {
    return JSON.parse(bytes.toString('utf8')) as ImageConfigDocument;
  } catch (error) {
    throw new BerthError('invalid', 'image.bad-config', `the config of ${what} is not JSON`, { hint: 'the image is damaged: get it again from its source', cause: error });
  }
}

/** Stores an image whose layers are already unpacked; returns its record. */
export async function commitImage(roots: StateRoots, input: CommitInput): Promise<ImageRecord> {
  const doc = parseConfig(input.config, input.what);
  const diffIds = doc.rootfs?.diff_ids ?? [];
  const got = input.layers.map((l) => l.diffId);
  if (diffIds.length !== got.length || diffIds.some((id, i) => id !== got[i])) {
    throw new BerthError('invalid', 'image.diff-ids-mismatch', `the layers of ${input.what} do not match its config's diff ids`, {
      hint: 'the image is damaged or was built wrongly: get it again from its source',
    });
  }
  const id = await putBlob(roots, input.config, undefined, `config of ${input.what}`);
  await input.pins?.add(id);
  if (input.manifest !== undefined) await putBlob(roots, input.manifest.bytes, input.manifest.digest, `manifest of ${input.what}`);
  const previous = await findImageRecord(roots, id);
  const repoDigests = new Set(previous?.repoDigests ?? []);
  if (input.repoDigest !== undefined) repoDigests.add(input.repoDigest);
  const record: ImageRecord = {
    id,
    manifestDigest: input.manifest?.digest ?? previous?.manifestDigest,
    repoDigests: [...repoDigests].sort(),
    layers: input.layers,
    os: doc.os ?? 'linux',
    architecture: doc.architecture ?? 'amd64',
    variant: doc.variant,
    created: doc.created,
    stored: previous?.stored ?? new Date().toISOString(),
  };
  await writeImageRecord(roots, record);
  for (const reference of input.references) await tagImage(roots, reference, id);
  return record;
}
