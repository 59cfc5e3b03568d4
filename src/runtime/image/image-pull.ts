/**
 * Pulling images from registries into the store: resolve the reference to a manifest (choosing the
 * platform from an index), fetch and check the config, then fetch and unpack the missing layers in
 * parallel, each streamed straight into its staging directory and checked against both digests. The image
 * is committed (record, then reference) only once every layer is in, so a failed pull leaves no reference.
 */
import { pipeline, type Readable } from 'node:stream';
import { BerthError } from '../../errors/index.js';
import type { StateRoots } from '../state-roots.js';
import { digestMismatch, digestOf } from './blob-store.js';
import { dockerConfigPath, readCredentials } from './docker-config.js';
import { commitImage, parseConfig } from './image-commit.js';
import type { ImageRecord, LayerRef } from './image-record.js';
import { withLayerPins, type LayerPins } from './layer-pins.js';
import { ensureLayer, hasLayer } from './layer-store.js';
import type { DevicePolicy } from './layer-writer.js';
import { parseManifest, selectPlatform, type Descriptor } from './manifest.js';
import { hostPlatform, type Platform } from './platform.js';
import { layerReporter, type PullListener } from './pull-progress.js';
import { familiarReference, formatReference, parseReference, type ImageReference } from './reference.js';
import { isTransient, RegistryClient } from './registry-client.js';
import { sizeCheck } from './size-check.js';

export interface PullOptions {
  platform?: Platform | undefined;
  insecureRegistries?: string[] | undefined;
  /** Docker's config.json with `auths` (default ~/.docker/config.json). */
  dockerConfig?: string | undefined;
  /** Layers fetched at once per image (default 3). */
  concurrency?: number | undefined;
  devices?: DevicePolicy | undefined;
  /** Tries per layer on transient failures (default 3). */
  layerAttempts?: number | undefined;
}

/** The outcome of one reference of `pullImages`. */
export type PullResult = { ref: string; record: ImageRecord } | { ref: string; error: unknown };

/** Pulls several images in parallel; one failure does not stop the others. */
export async function pullImages(roots: StateRoots, refs: string[], options: PullOptions = {}, onProgress?: PullListener): Promise<PullResult[]> {
  return Promise.all(refs.map((ref) => pullImage(roots, ref, options, onProgress).then(
    (record) => ({ ref, record }),
    (error: unknown) => ({ ref, error }),
  )));
}

/** Pulls one image into the store and returns its record. */
export async function pullImage(roots: StateRoots, text: string, options: PullOptions = {}, onProgress?: PullListener): Promise<ImageRecord> {
  const ref = parseReference(text);
  const what = `image '${familiarReference(ref)}'`;
  const credentials = await readCredentials(options.dockerConfig ?? dockerConfigPath(), ref.registry);
  const client = new RegistryClient(ref.registry, { credentials, insecureRegistries: options.insecureRegistries });
  const { manifest, topDigest } = await resolveManifest(client, ref, options.platform ?? hostPlatform(), what);
  const configBytes = await client.blobBytes(ref.repository, manifest.config.digest, what);
  if (digestOf(configBytes) !== manifest.config.digest) throw digestMismatch(`config of ${what}`, manifest.config.digest, digestOf(configBytes));
  const diffIds = parseConfig(configBytes, what).rootfs?.diff_ids ?? [];
  if (diffIds.length !== manifest.layers.length) {
    throw new BerthError('invalid', 'image.diff-ids-mismatch', `${what} has ${manifest.layers.length} layers but its config lists ${diffIds.length}`, {
      hint: 'the image is damaged on the registry: push it again or ask its publisher',
    });
  }
  onProgress?.({ kind: 'resolved', ref: text, manifestDigest: topDigest, layers: diffIds.length });
  const record = await withLayerPins(roots, async (pins) => {
    const layers = await mapLimit(manifest.layers, options.concurrency ?? 3, (layer, i) =>
      fetchLayer(roots, client, ref, layer, diffIds[i]!, { ...options, what, text, pins }, onProgress));
    return commitImage(roots, {
      config: configBytes, manifest: manifest.source, layers, references: [formatReference(ref)],
      repoDigest: `${ref.registry}/${ref.repository}@${topDigest}`, what, pins,
    });
  });
  onProgress?.({ kind: 'done', ref: text, imageId: record.id });
  return record;
}

type ResolvedManifest = { config: Descriptor; layers: Descriptor[]; source: { bytes: Buffer; digest: string } };

async function resolveManifest(client: RegistryClient, ref: ImageReference, platform: Platform, what: string): Promise<{ manifest: ResolvedManifest; topDigest: string }> {
  const top = await fetchManifest(client, ref, ref.digest ?? ref.tag ?? 'latest', ref.digest, what);
  const doc = parseManifest(top.bytes, top.contentType, what);
  if (doc.kind === 'manifest') return { manifest: { ...doc, source: { bytes: top.bytes, digest: top.digest } }, topDigest: top.digest };
  const chosen = selectPlatform(doc.manifests, platform, what);
  const inner = await fetchManifest(client, ref, chosen.digest, chosen.digest, what);
  const innerDoc = parseManifest(inner.bytes, inner.contentType, what);
  if (innerDoc.kind !== 'manifest') throw new BerthError('invalid', 'image.bad-manifest', `${what}: an index points to another index`, { hint: 'nested indexes are not supported' });
  return { manifest: { ...innerDoc, source: { bytes: inner.bytes, digest: inner.digest } }, topDigest: top.digest };
}

async function fetchManifest(client: RegistryClient, ref: ImageReference, reference: string, expected: string | undefined, what: string) {
  const { bytes, contentType } = await client.manifest(ref.repository, reference, what);
  const digest = digestOf(bytes);
  if (expected !== undefined && digest !== expected) throw digestMismatch(`manifest of ${what}`, expected, digest);
  return { bytes, contentType, digest };
}

async function fetchLayer(
  roots: StateRoots, client: RegistryClient, ref: ImageReference, layer: Descriptor, diffId: string,
  options: PullOptions & { what: string; text: string; pins: LayerPins }, onProgress: PullListener | undefined,
): Promise<LayerRef> {
  const report = layerReporter(options.text, layer.digest, layer.size, onProgress);
  const found = await hasLayer(roots, diffId);
  const blob = `layer ${layer.digest.slice(7, 19)} of ${options.what}`;
  const open = async (): Promise<Readable> =>
    pipeline(await client.blobStream(ref.repository, layer.digest, options.what), sizeCheck(layer.size, blob), () => undefined);
  for (let attempt = 1; ; attempt += 1) {
    try {
      const meta = await ensureLayer(roots, diffId, layer.digest, open, {
        devices: options.devices ?? 'skip', onBytes: report.onBytes, pins: options.pins, moveChunks: true,
      });
      report.finish(found ? 'exists' : 'done');
      return { diffId, digest: layer.digest, size: meta.digest === layer.digest ? meta.size : layer.size };
    } catch (error) {
      if (!isTransient(error) || attempt >= (options.layerAttempts ?? 3)) throw error;
      report.retry();
    }
  }
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
