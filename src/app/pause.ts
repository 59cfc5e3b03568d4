/**
 * `berth pause` / `berth unpause`: freezes or thaws every process of the selected running containers
 * through their cgroup's freezer, so they keep their state and resume where they were.
 */
import { observeContainer } from '../runtime/container/index.js';
import { requireSome, selectContainers, type ContainerChoice } from './compose/container-selection.js';
import type { ProjectOptions } from './project-loader.js';

/** Freezes (`pause`) or thaws (`unpause`) the selected running containers; returns their names. */
export function setPaused(projectOptions: ProjectOptions, choice: ContainerChoice, paused: boolean): string[] {
  const { cc, containers } = requireSome(selectContainers(projectOptions, choice), choice.services);
  if (choice.dryRun === true) return containers.filter((x) => x.status === 'running').map((c) => c.name);
  const done: string[] = [];
  for (const c of containers.filter((x) => x.status === 'running')) {
    const record = observeContainer(cc.roots, c.id)?.record;
    const group = record === undefined ? undefined : cc.runtime.cgroups.open(record.cgroupName);
    if (group === undefined) continue;
    if (paused) group.freeze();
    else group.thaw();
    done.push(c.name);
  }
  return done;
}
