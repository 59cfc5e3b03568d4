/**
 * Test support: writes OCI image layouts (oci-layout, index.json, blobs/sha256) from layer tars, so the
 * tests own every byte of the images they push or load: several layers, whiteouts, multi-platform indexes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os: string; architecture: string; variant?: string };
  annotations?: Record<string, string>;
}

const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Writes a blob into the layout and returns its descriptor. */
export function writeBlob(layout: string, data: Buffer, mediaType: string): Descriptor {
  mkdirSync(join(layout, 'blobs', 'sha256'), { recursive: true });
  const hex = sha(data);
  writeFileSync(join(layout, 'blobs', 'sha256', hex), data);
  return { mediaType, digest: `sha256:${hex}`, size: data.length };
}

export interface ImageSpec {
  /** Each layer: the plain tar, and optionally its compressed blob (default: the tar itself). */
  layers: Array<{ tar: Buffer; blob?: Buffer; mediaType?: string }>;
  config?: Record<string, unknown>;
  architecture?: string;
}

/** Writes an image manifest (config + layers) and returns its descriptor. */
export function writeImage(layout: string, spec: ImageSpec): Descriptor {
  const architecture = spec.architecture ?? 'amd64';
  const config = Buffer.from(JSON.stringify({
    architecture, os: 'linux', config: spec.config ?? {},
    rootfs: { type: 'layers', diff_ids: spec.layers.map((l) => `sha256:${sha(l.tar)}`) },
  }));
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: writeBlob(layout, config, 'application/vnd.oci.image.config.v1+json'),
    layers: spec.layers.map((l) => writeBlob(layout, l.blob ?? l.tar, l.mediaType ?? (l.blob === undefined ? 'application/vnd.oci.image.layer.v1.tar' : 'application/vnd.oci.image.layer.v1.tar+gzip'))),
  };
  return { ...writeBlob(layout, Buffer.from(JSON.stringify(manifest)), manifest.mediaType), platform: { os: 'linux', architecture } };
}

/** Writes an index of manifests (a multi-platform image) and returns its descriptor. */
export function writeIndex(layout: string, manifests: Descriptor[]): Descriptor {
  const mediaType = 'application/vnd.oci.image.index.v1+json';
  return writeBlob(layout, Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType, manifests })), mediaType);
}

/** Names a manifest or index in the layout's index.json under `tag`. */
export function tagInLayout(layout: string, tag: string, descriptor: Descriptor): void {
  writeFileSync(join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  const path = join(layout, 'index.json');
  const index = existsSync(path)
    ? JSON.parse(readFileSync(path, 'utf8')) as { schemaVersion: number; manifests: Descriptor[] }
    : { schemaVersion: 2, manifests: [] as Descriptor[] };
  const { platform: _platform, ...plain } = descriptor;
  index.manifests.push({ ...plain, annotations: { 'org.opencontainers.image.ref.name': tag } });
  writeFileSync(join(layout, 'index.json'), JSON.stringify(index));
}
