/**
 * `berth kill [service…]`: sends a signal (default SIGKILL) to the selected running containers' PID 1.
 * With KILL or TERM the project's supervisor, when one runs, records a user stop too, so a killed
 * container is not restarted by its policy.
 */
import { killContainer, signalNumber } from '../runtime/container/index.js';
import { supervisorRequest } from '../supervisor/index.js';
import { opsScope } from './compose/container-ops.js';
import { selectContainers, type ContainerChoice } from './compose/container-selection.js';
import type { ProjectOptions } from './project-loader.js';

/** The choices of `berth kill`. */
export interface KillChoices extends ContainerChoice {
  signal: string;
}

/**
 * Signals the selected running containers; returns the names signalled. A KILL or TERM to a supervised
 * container is also a user stop: the request goes out with the signal (the supervisor cancels a restart
 * it may already have scheduled on seeing the exit), and its answer is awaited after.
 */
export async function kill(projectOptions: ProjectOptions, choices: KillChoices): Promise<string[]> {
  const signal = signalNumber(choices.signal);
  const { cc, projectName, project, containers } = selectContainers(projectOptions, choices);
  const running = containers.filter((c) => c.status === 'running');
  if (choices.dryRun === true) return running.map((c) => c.name);
  const scope = await opsScope(cc, projectName, project);
  const marks = scope.supervised && (signal === 9 || signal === 15);
  const killed = await Promise.all(running.map(async (c) => {
    const marked = marks ? supervisorRequest(cc.roots, projectName, { cmd: 'stop-container', id: c.id }).catch(() => undefined) : undefined;
    const signalled = killContainer(cc.runtime, c.id, signal);
    await marked;
    return signalled ? [c.name] : [];
  }));
  return killed.flat();
}
