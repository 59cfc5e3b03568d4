/**
 * `berth stop [service…]`: stops the selected running containers, dependents first, each with its stop
 * signal and -t (else stop_grace_period) before SIGKILL; the supervisor, when one runs, marks them as
 * stopped by the user so no restart policy starts them again. Returns the names it stopped.
 */
import { containerLevels } from './compose/service-levels.js';
import { opsScope, stopOne } from './compose/container-ops.js';
import { selectContainers, type ContainerChoice } from './compose/container-selection.js';
import type { ProjectOptions } from './project-loader.js';

/** The choices of `berth stop`. */
export interface StopChoices extends ContainerChoice {
  /** Seconds before SIGKILL. */
  timeout?: number | undefined;
}

/** Stops the selected containers; returns the names of those that were running. */
export async function stop(projectOptions: ProjectOptions, choices: StopChoices): Promise<string[]> {
  const { cc, projectName, project, containers } = selectContainers(projectOptions, choices);
  const running = containers.filter((c) => c.status === 'running');
  if (choices.dryRun === true) return running.map((c) => c.name);
  const scope = await opsScope(cc, projectName, project);
  for (const group of containerLevels(project, running, 'stop')) await Promise.all(group.map((c) => stopOne(scope, c, choices.timeout)));
  return running.map((c) => c.name);
}
