/**
 * The images a build starts from or copies from, as build states: found in the store, or pulled
 * first as the pull policy says (`missing`: only when absent, `always`: every build, `never`: fail
 * when absent). Their layers are pinned for the build; their chain key is their image id.
 */
import { BerthError, isBerthError } from '../../errors/index.js';
import { getBlob } from '../image/blob-store.js';
import { parseConfig } from '../image/image-commit.js';
import { listImageRecords, readImageRecord } from '../image/image-record.js';
import { resolveImage } from '../image/repositories.js';
import type { LayerPins } from '../image/layer-pins.js';
import type { StateRoots } from '../state-roots.js';
import type { BuildRequest, StageState } from './build-types.js';
import { baseKey } from './step-cache.js';

/** The empty state of `FROM scratch`. */
export function scratchState(): StageState {
  return { layers: [], config: {}, chain: baseKey(undefined), history: [] };
}

/** Pulls `ref`; the registry client is loaded only when a build pulls. */
async function pullRef(roots: StateRoots, ref: string): Promise<string> {
  const { pullImage } = await import('../image/image-pull.js');
  return (await pullImage(roots, ref)).id;
}

async function ensureImage(roots: StateRoots, ref: string, pull: BuildRequest['pull']): Promise<string> {
  if (pull === 'always') return pullRef(roots, ref);
  try {
    return (await resolveImage(roots, ref, (await listImageRecords(roots)).map((r) => r.id))).id;
  } catch (error) {
    if (!isBerthError(error) || error.code !== 'image.not-found') throw error;
    if (pull === 'never') {
      throw new BerthError('not-found', 'build.base-image-missing', `base image '${ref}' is not in the image store and pulling is off`, {
        hint: `pull it first (berth image pull ${ref}) or build without --pull=never`, cause: error,
      });
    }
    return pullRef(roots, ref);
  }
}

/** The state of image `ref`, pulled as the policy says. */
export async function imageState(roots: StateRoots, ref: string, pull: BuildRequest['pull'], pins: LayerPins): Promise<StageState> {
  const id = await ensureImage(roots, ref, pull);
  const record = await readImageRecord(roots, id);
  for (const layer of record.layers) await pins.add(layer.diffId);
  const doc = parseConfig(await getBlob(roots, id), `image '${ref}'`) as { config?: StageState['config']; history?: StageState['history']; created?: string };
  return { layers: record.layers, config: doc.config ?? {}, chain: baseKey(id), history: doc.history ?? [], created: doc.created };
}
