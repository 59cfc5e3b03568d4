/**
 * `berth import`: a plain root file system (a tarball, compressed or not, or a directory) becomes a
 * one-layer image with an empty runtime config for this host's platform, named by the given reference.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { BerthError } from '../../errors/index.js';
import type { StateRoots } from '../state-roots.js';
import { directoryTar } from './directory-tar.js';
import { commitImage } from './image-commit.js';
import type { ImageRecord } from './image-record.js';
import { withLayerPins, type LayerPins } from './layer-pins.js';
import { addLayer, type LayerMeta } from './layer-store.js';
import { hostPlatform } from './platform.js';
import { formatReference, parseReference } from './reference.js';

/** Imports `source` (tarball or directory) as `reference`. */
export async function importRootfs(roots: StateRoots, source: string, reference: string): Promise<ImageRecord> {
  const name = formatReference(parseReference(reference));
  const info = await stat(source).catch((error: unknown) => {
    throw new BerthError('not-found', 'image.import-source-missing', `cannot import '${source}': it does not exist`, {
      hint: 'give a root file system as a tarball (.tar, .tar.gz, .tar.zst) or a directory', cause: error,
    });
  });
  const stream: Readable = info.isDirectory() ? directoryTar(source) : createReadStream(source);
  return withLayerPins(roots, async (pins) => commitImport(roots, source, name, await addLayer(roots, stream, { pins }), pins));
}

async function commitImport(roots: StateRoots, source: string, name: string, layer: LayerMeta, pins: LayerPins): Promise<ImageRecord> {
  const platform = hostPlatform();
  const config = {
    architecture: platform.architecture,
    os: platform.os,
    ...(platform.variant === undefined ? {} : { variant: platform.variant }),
    created: new Date().toISOString(),
    config: {},
    rootfs: { type: 'layers', diff_ids: [layer.diffId] },
    history: [{ created_by: `berth import ${source}` }],
  };
  return commitImage(roots, {
    config: Buffer.from(JSON.stringify(config)),
    layers: [{ diffId: layer.diffId, digest: layer.digest, size: layer.size }],
    references: [name],
    what: `import of '${source}'`,
    pins,
  });
}
