/**
 * `berth restart [service…]`: stops the selected containers (dependents first, -t before SIGKILL) and
 * starts them all again, dependencies first, as they were created (a changed compose file is `up`'s
 * work). As in Compose, a named service takes along the services that depend on it with
 * `restart: true`, transitively, unless --no-deps. Returns the names it restarted.
 */
import { containerLevels } from './compose/service-levels.js';
import { opsScope, startOne, stopOne, superviseStarted } from './compose/container-ops.js';
import { requireSome, selectContainers } from './compose/container-selection.js';
import { withRestartDependents } from './compose/restart-dependents.js';
import type { ProjectOptions } from './project-loader.js';
import type { StopChoices } from './stop.js';

/** The choices of `berth restart`. */
export interface RestartChoices extends StopChoices {
  /** Leave the services depending on the named ones with `restart: true` alone (`--no-deps`). */
  noDeps?: boolean | undefined;
}

/** Restarts the selected containers; returns their names. */
export async function restart(projectOptions: ProjectOptions, choices: RestartChoices): Promise<string[]> {
  const named = requireSome(selectContainers(projectOptions, choices), choices.services);
  const { cc, projectName, project } = named;
  const widen = project !== undefined && choices.services.length > 0 && choices.noDeps !== true && choices.index === undefined;
  const { containers } = widen ? selectContainers(projectOptions, { ...choices, services: withRestartDependents(project, choices.services) }) : named;
  if (choices.dryRun === true) return containers.map((c) => c.name);
  const scope = await opsScope(cc, projectName, project);
  const running = containers.filter((c) => c.status === 'running');
  for (const group of containerLevels(project, running, 'stop')) await Promise.all(group.map((c) => stopOne(scope, c, choices.timeout)));
  for (const group of containerLevels(project, containers, 'start')) await Promise.all(group.map((c) => startOne(scope, c)));
  await superviseStarted(scope);
  return containers.map((c) => c.name);
}

