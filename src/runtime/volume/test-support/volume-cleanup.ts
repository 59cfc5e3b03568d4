/**
 * Test cleanup for volumes: detaches every mount berth made under a test's volumes dir (tmpfs volumes),
 * so removing the temp dirs afterwards can never reach into a mounted filesystem, and lists what is left.
 */
import { readFileSync } from 'node:fs';
import type { StateRoots } from '../../state-roots.js';
import { listVolumes } from '../volume-store.js';
import { releaseVolume } from '../volume-source.js';

/** Releases every volume under `roots` (unmounting tmpfs volumes). */
export function releaseAllVolumes(roots: StateRoots): void {
  for (const record of listVolumes(roots)) releaseVolume(roots, record.name);
}

/** The lines of /proc/self/mounts under `dir` (empty when nothing of the test is mounted). */
export function mountsUnder(dir: string): string[] {
  return readFileSync('/proc/self/mounts', 'utf8').split('\n').filter((line) => line.includes(dir));
}
