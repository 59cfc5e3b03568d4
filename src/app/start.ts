/**
 * `berth start [service…]`: starts the selected existing containers that are not running, dependencies
 * first (through the supervisor when one runs, which also clears a user stop). It creates nothing:
 * containers that do not exist yet are `up`'s work. Returns the names it started.
 */
import { containerLevels } from './compose/service-levels.js';
import { opsScope, startOne, superviseStarted } from './compose/container-ops.js';
import { requireSome, selectContainers, type ContainerChoice } from './compose/container-selection.js';
import type { ProjectOptions } from './project-loader.js';

/** Starts the selected containers that are not running; returns their names. */
export async function start(projectOptions: ProjectOptions, choice: ContainerChoice): Promise<string[]> {
  const { cc, projectName, project, containers } = requireSome(selectContainers(projectOptions, choice), choice.services);
  const stopped = containers.filter((c) => c.status !== 'running');
  if (choice.dryRun === true) return stopped.map((c) => c.name);
  const scope = await opsScope(cc, projectName, project);
  for (const group of containerLevels(project, stopped, 'start')) await Promise.all(group.map((c) => startOne(scope, c)));
  if (stopped.length > 0) await superviseStarted(scope);
  return stopped.map((c) => c.name);
}
