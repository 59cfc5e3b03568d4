/**
 * Which stored images containers use, read from the runtime's container records (read-only): a container
 * uses an image when the image-store layers among its overlay lower dirs are exactly that image's stack.
 * Computed on demand, never stored, so a crashed command cannot leave a stale count behind.
 */
import { observe, type ObservedContainer } from '../runtime/container/index.js';
import { imageRootfs, listImageRecords, type ImagesInUse, type ImageUser } from '../runtime/image/index.js';
import type { StateRoots } from '../runtime/state-roots.js';

/** Image id → the containers (by name) whose rootfs stacks that image's layers. */
export async function imagesInUse(roots: StateRoots, containers: readonly ObservedContainer[] = observe(roots)): Promise<ImagesInUse> {
  const byStack = new Map<string, string[]>();
  const layerDirs = new Set<string>();
  for (const record of await listImageRecords(roots)) {
    const lowers = await imageRootfs(roots, record.id).then((r) => r.lowerDirs, () => undefined);
    if (lowers === undefined) continue;
    const key = lowers.join(':');
    byStack.set(key, [...(byStack.get(key) ?? []), record.id]);
    for (const dir of lowers) layerDirs.add(dir);
  }
  const users = new Map<string, ImageUser[]>();
  for (const container of containers) {
    const rootfs = container.record.config.rootfs;
    if (rootfs.kind !== 'overlay') continue;
    const stack = rootfs.lowers.filter((dir) => layerDirs.has(dir)).join(':');
    for (const id of byStack.get(stack) ?? []) {
      users.set(id, [...(users.get(id) ?? []), { container: container.name, running: container.status === 'running' }]);
    }
  }
  return users;
}
