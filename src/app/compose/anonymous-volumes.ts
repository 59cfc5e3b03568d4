/**
 * The anonymous volumes of a Compose container, as Docker Compose gives them: a new container gets new
 * ones (random 64-hex names, as Docker's); a recreated one takes over those the replaced container mounts
 * at the same targets (so node_modules, say, survives a config change), unless `up -V` renews them. A
 * replaced volume left behind stays, as Docker's do, until `down -v`, `rm -v` or a prune (its project and
 * container labels are how those find it); only volumes made for a create that then failed are removed.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, dirname, posix } from 'node:path';
import { observeContainer } from '../../runtime/container/index.js';
import type { StateRoots } from '../../runtime/state-roots.js';
import { ensureVolume, inspectVolume, isAnonymous, removeVolume, VOLUME_LABELS, volumePaths, volumesInUse } from '../../runtime/volume/index.js';

/** Whose anonymous volume at which target. */
export interface AnonymousVolumeRequest {
  project: string;
  containerName: string;
  target: string;
  /** The replaced container whose volume at `target` is taken over (absent: a new volume). */
  inheritFrom: string | undefined;
}

/** Makes (or takes over) the anonymous volume of `request`; returns its name, added to `made` when new. */
export async function ensureAnonymousVolume(roots: StateRoots, request: AnonymousVolumeRequest, made: string[]): Promise<string> {
  const inherited = request.inheritFrom === undefined ? undefined : mountedAnonymousVolume(roots, request.inheritFrom, request.target);
  const name = inherited ?? randomBytes(32).toString('hex');
  if (!existsSync(volumePaths(roots, name).record)) made.push(name);
  const labels = { [VOLUME_LABELS.anonymous]: '', [VOLUME_LABELS.container]: request.containerName, [VOLUME_LABELS.target]: request.target };
  await ensureVolume(roots, { name, labels, project: request.project });
  return name;
}

/** Removes the volumes a failed create made (`made` of ensureAnonymousVolume). */
export async function removeMadeVolumes(roots: StateRoots, made: readonly string[]): Promise<void> {
  for (const name of made) await removeVolume(roots, name, volumesInUse(roots), { missingOk: true });
}

/** The anonymous volume container `id` mounts at `target`, if it has one there. */
function mountedAnonymousVolume(roots: StateRoots, id: string, target: string): string | undefined {
  const wanted = posix.normalize(target);
  for (const mount of observeContainer(roots, id)?.record.config.mounts ?? []) {
    if (mount.type !== 'bind' || posix.normalize(mount.target) !== wanted) continue;
    const name = basename(dirname(mount.source));
    if (volumePaths(roots, name).data !== mount.source) continue;
    if (isAnonymousVolume(roots, name)) return name;
  }
  return undefined;
}

function isAnonymousVolume(roots: StateRoots, name: string): boolean {
  try {
    return isAnonymous(inspectVolume(roots, name));
  } catch {
    return false; // removed meanwhile, or a bind that only looks like a volume dir: nothing to inherit
  }
}
