/**
 * `berth restart [service…]`: stops the selected containers (dependents first, -t before SIGKILL) and
 * starts them all again, dependencies first, as they were created (a changed compose file is `up`'s
 * work). Returns the names it restarted.
 */
import { containerLevels } from './compose/service-levels.js';
import { opsScope, startOne, stopOne, superviseStarted } from './compose/container-ops.js';
import { requireSome, selectContainers } from './compose/container-selection.js';
import type { ProjectOptions } from './project-loader.js';
import type { StopChoices } from './stop.js';

/** Restarts the selected containers; returns their names. */
export async function restart(projectOptions: ProjectOptions, choices: StopChoices): Promise<string[]> {
  const { cc, projectName, project, containers } = requireSome(selectContainers(projectOptions, choices), choices.services);
  if (choices.dryRun === true) return containers.map((c) => c.name);
  const scope = await opsScope(cc, projectName, project);
  const running = containers.filter((c) => c.status === 'running');
  for (const group of containerLevels(project, running, 'stop')) await Promise.all(group.map((c) => stopOne(scope, c, choices.timeout)));
  for (const group of containerLevels(project, containers, 'start')) await Promise.all(group.map((c) => startOne(scope, c)));
  await superviseStarted(scope);
  return containers.map((c) => c.name);
}
