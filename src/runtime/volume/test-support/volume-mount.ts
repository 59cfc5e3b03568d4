/**
 * Test helper: a named volume made ready for a container as `up` does it (ensureVolume, volumeSource,
 * populateVolume unless nocopy), returned as the bind mount the plan would give the container.
 */
import type { MountSpec } from '../../container/container-config.js';
import type { StateRoots } from '../../state-roots.js';
import { populateVolume } from '../copy-up.js';
import { volumeSource } from '../volume-source.js';
import { ensureVolume, type VolumeSpec } from '../volume-store.js';

/** One volume a test container mounts. */
export interface TestVolumeMount {
  volume: VolumeSpec;
  target: string;
  nocopy?: boolean;
}

/** Ensures, sources and (unless nocopy) populates each volume from `lowers`; returns the bind mounts. */
export async function volumeMounts(roots: StateRoots, lowers: readonly string[], mounts: readonly TestVolumeMount[]): Promise<MountSpec[]> {
  const out: MountSpec[] = [];
  for (const m of mounts) {
    const source = volumeSource(roots, (await ensureVolume(roots, m.volume)).record);
    if (m.nocopy !== true) populateVolume(lowers, m.target, source);
    out.push({ type: 'bind', source, target: m.target });
  }
  return out;
}
