/**
 * `berth load`: images from a `docker save` archive (manifest.json + config + layer tars) or an OCI
 * archive (oci-layout + index.json + blobs), extracted to staging first. Every blob is checked against its
 * digest (layers against their config's diff ids), then committed as a pull would; staging is removed.
 */
import { createReadStream, existsSync } from 'node:fs';
import { lstat, mkdir, readFile, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join, normalize } from 'node:path';
import { BerthError } from '../../errors/index.js';
import type { StateRoots } from '../state-roots.js';
import { digestMismatch, digestOf } from './blob-store.js';
import { extractArchive } from './archive-extract.js';
import { commitImage, parseConfig } from './image-commit.js';
import type { ImageRecord } from './image-record.js';
import { withLayerPins, type LayerPins } from './layer-pins.js';
import { ensureLayer } from './layer-store.js';
import { parseManifest, selectPlatform, type Descriptor } from './manifest.js';
import { hostPlatform, type Platform } from './platform.js';
import { formatReference, parseReference } from './reference.js';
import { tmpDir } from './store-layout.js';

/** One image loaded from an archive, with the references the archive gave it. */
export interface LoadedImage {
  record: ImageRecord;
  references: string[];
}

/** Loads every image of an archive file. */
export async function loadArchive(roots: StateRoots, file: string, options: { platform?: Platform } = {}): Promise<LoadedImage[]> {
  const staging = join(tmpDir(roots), `load-${randomBytes(8).toString('hex')}`);
  await mkdir(staging, { recursive: true });
  try {
    await extractArchive(file, staging);
    if (existsSync(join(staging, 'manifest.json'))) return await withLayerPins(roots, (pins) => loadDockerArchive(roots, staging, file, pins));
    if (existsSync(join(staging, 'index.json'))) return await withLayerPins(roots, (pins) => loadOciArchive(roots, staging, file, options.platform ?? hostPlatform(), pins));
    throw new BerthError('invalid', 'image.archive-invalid', `'${file}' has neither manifest.json nor index.json`, {
      hint: 'give a file made by docker save or an OCI archive',
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

interface DockerManifestEntry { Config: string; RepoTags?: string[] | null; Layers: string[] }

async function loadDockerArchive(roots: StateRoots, dir: string, file: string, pins: LayerPins): Promise<LoadedImage[]> {
  const entries = JSON.parse(await readFile(await inside(dir, 'manifest.json', file), 'utf8')) as DockerManifestEntry[];
  const loaded: LoadedImage[] = [];
  for (const entry of entries) {
    const what = `image ${entry.RepoTags?.[0] ?? entry.Config} of '${file}'`;
    const config = await readFile(await inside(dir, entry.Config, file));
    const diffIds = parseConfig(config, what).rootfs?.diff_ids ?? [];
    if (diffIds.length !== entry.Layers.length) throw badArchive(file, `${what} lists ${entry.Layers.length} layers for ${diffIds.length} diff ids`);
    const layers = [];
    for (const [i, layer] of entry.Layers.entries()) {
      const path = await inside(dir, layer, file);
      const meta = await ensureLayer(roots, diffIds[i]!, undefined, async () => createReadStream(path), { pins });
      layers.push({ diffId: meta.diffId, digest: meta.digest, size: meta.size });
    }
    const references = (entry.RepoTags ?? []).map((tag) => formatReference(parseReference(tag)));
    loaded.push({ record: await commitImage(roots, { config, layers, references, what, pins }), references });
  }
  return loaded;
}

async function loadOciArchive(roots: StateRoots, dir: string, file: string, platform: Platform, pins: LayerPins): Promise<LoadedImage[]> {
  const indexBytes = await readFile(await inside(dir, 'index.json', file));
  const index = parseManifest(indexBytes, undefined, `'${file}'`);
  if (index.kind !== 'index') throw badArchive(file, 'index.json is not an index');
  const raw = JSON.parse(indexBytes.toString('utf8')) as { manifests: Array<{ annotations?: Record<string, string> }> };
  const loaded: LoadedImage[] = [];
  for (const [i, top] of index.manifests.entries()) {
    const annotations = raw.manifests[i]?.annotations ?? {};
    const name = annotations['io.containerd.image.name'] ?? annotations['org.opencontainers.image.ref.name'];
    const what = `image ${name ?? top.digest} of '${file}'`;
    const manifest = await resolveOci(dir, top, platform, what);
    const config = await blob(dir, manifest.config, what);
    const diffIds = parseConfig(config, what).rootfs?.diff_ids ?? [];
    if (diffIds.length !== manifest.layers.length) throw badArchive(file, `${what} has ${manifest.layers.length} layers for ${diffIds.length} diff ids`);
    const layers = [];
    for (const [j, layer] of manifest.layers.entries()) {
      const path = await inside(dir, blobFile(layer.digest), file);
      const meta = await ensureLayer(roots, diffIds[j]!, layer.digest, async () => createReadStream(path), { pins });
      layers.push({ diffId: meta.diffId, digest: layer.digest, size: layer.size });
    }
    const references = name !== undefined && /[:/]/.test(name) ? [formatReference(parseReference(name))] : [];
    loaded.push({ record: await commitImage(roots, { config, manifest: manifest.source, layers, references, what, pins }), references });
  }
  return loaded;
}

async function resolveOci(dir: string, top: Descriptor, platform: Platform, what: string) {
  let bytes = await blob(dir, top, what);
  let doc = parseManifest(bytes, top.mediaType, what);
  let digest = top.digest;
  if (doc.kind === 'index') {
    const chosen = selectPlatform(doc.manifests, platform, what);
    bytes = await blob(dir, chosen, what);
    doc = parseManifest(bytes, chosen.mediaType, what);
    digest = chosen.digest;
  }
  if (doc.kind !== 'manifest') throw badArchive(what, 'an index points to another index');
  return { config: doc.config, layers: doc.layers, source: { bytes, digest } };
}

async function blob(dir: string, descriptor: Descriptor, what: string): Promise<Buffer> {
  const bytes = await readFile(await inside(dir, blobFile(descriptor.digest), what));
  if (digestOf(bytes) !== descriptor.digest) throw digestMismatch(`blob of ${what}`, descriptor.digest, digestOf(bytes));
  return bytes;
}

function blobFile(digest: string): string {
  return join('blobs', 'sha256', digest.slice('sha256:'.length));
}

/** A regular file named inside the archive, refused when any part of its path leaves it or is a symlink. */
async function inside(dir: string, name: string, file: string): Promise<string> {
  const rel = normalize(name);
  if (rel.startsWith('..') || rel.startsWith('/')) throw badArchive(file, `it names the path '${name}' outside itself`);
  const parts = rel.split('/');
  for (let i = 1; i <= parts.length; i += 1) {
    const info = await lstat(join(dir, ...parts.slice(0, i))).catch(() => undefined);
    const last = i === parts.length;
    if (info === undefined) throw badArchive(file, `'${name}' is missing`);
    if (last ? !info.isFile() : !info.isDirectory()) throw badArchive(file, `'${name}' is not a regular file inside the archive`);
  }
  return join(dir, rel);
}

function badArchive(file: string, why: string, cause?: unknown): BerthError {
  return new BerthError('invalid', 'image.archive-invalid', `image archive '${file}' is invalid: ${why}`, {
    hint: 'recreate it with docker save or skopeo copy ... oci-archive:FILE', cause,
  });
}
