/**
 * The v1 hierarchies berth uses, found once per driver: one per mounted controller of V1_CONTROLLERS,
 * merged when controllers are co-mounted (`cpu,cpuacct` behind `cpu` and `cpuacct` symlinks), so each
 * directory is made and removed once.
 */
import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { V1_CONTROLLERS } from './detect.js';
import { BERTH_PARENT } from './group-name.js';

/** One mounted v1 hierarchy: its controllers, its root, and the `berth` parent inside it. */
export interface V1Hierarchy {
  controllers: string[];
  root: string;
  base: string;
}

/** The hierarchies under `mountRoot` holding berth's controllers, in V1_CONTROLLERS order. */
export function findV1Hierarchies(mountRoot: string): V1Hierarchy[] {
  const byRoot = new Map<string, V1Hierarchy>();
  for (const controller of V1_CONTROLLERS) {
    const path = join(mountRoot, controller);
    if (!existsSync(join(path, 'cgroup.procs'))) continue;
    const root = realpathSync(path);
    const known = byRoot.get(root);
    if (known === undefined) byRoot.set(root, { controllers: [controller], root, base: join(root, BERTH_PARENT) });
    else known.controllers.push(controller);
  }
  return [...byRoot.values()];
}
