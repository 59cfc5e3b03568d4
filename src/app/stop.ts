/**
 * `berth stop [service…]`: stops the selected running containers, dependents first, each with its stop
 * signal and -t (else stop_grace_period) before SIGKILL; the supervisor, when one runs, marks them as
 * stopped by the user so no restart policy starts them again (a container waiting out its restart
 * back-off too). Returns the names it stopped.
 */
import { containerLevels } from './compose/service-levels.js';
import { opsScope, stopOne } from './compose/container-ops.js';
import { selectContainers, type ContainerChoice } from './compose/container-selection.js';
import type { ProjectOptions } from './project-loader.js';
import { readSupervision } from '../supervisor/index.js';

/** The choices of `berth stop`. */
export interface StopChoices extends ContainerChoice {
  /** Seconds before SIGKILL. */
  timeout?: number | undefined;
}

/** Stops the selected containers; returns the names of those that were running. */
export async function stop(projectOptions: ProjectOptions, choices: StopChoices): Promise<string[]> {
  const { cc, projectName, project, containers } = selectContainers(projectOptions, choices);
  // An exited container whose restart back-off runs counts as running, as Docker's `restarting` does.
  const running = containers.filter((c) => c.status === 'running' || (c.status === 'exited' && readSupervision(cc.roots, c.id).restartAt !== undefined));
  if (choices.dryRun === true) return running.map((c) => c.name);
  const scope = await opsScope(cc, projectName, project);
  for (const group of containerLevels(project, running, 'stop')) await Promise.all(group.map((c) => stopOne(scope, c, choices.timeout)));
  return running.map((c) => c.name);
}
