/**
 * A prepared layer directory (an upper dir or a COPY staging dir) stored as a layer of the image store,
 * pinned for the build so a concurrent sweep spares it until the image record names it.
 */
import type { LayerPins } from '../image/layer-pins.js';
import { addLayer } from '../image/layer-store.js';
import type { StateRoots } from '../state-roots.js';
import { layerTar } from './layer-tar.js';
import type { StepRecord } from './step-cache.js';

/** Stores the contents of `dir` as a layer; returns what the step cache records. */
export async function commitLayerDir(roots: StateRoots, dir: string, pins: LayerPins): Promise<StepRecord> {
  const meta = await addLayer(roots, layerTar(dir), { pins, devices: 'skip' });
  return { diffId: meta.diffId, digest: meta.digest, size: meta.size, ...(meta.entries === 0 ? { empty: true } : {}) };
}
