/**
 * Stop, start and remove for one service container, as the lifecycle verbs (stop, restart, start, rm,
 * kill) do them. When the project's supervisor runs, stop and start go through its control socket, so it
 * marks a user stop and its restart policy never fights the verb (stop-container stops with the service's
 * grace; -t bounds it from here with SIGKILL). Without one they act on the runtime directly. Removal
 * reuses up/down's remove handler, so the container's network plumbing goes with it.
 */
import type { Op } from '../../plan/index.js';
import { killContainer, observeContainer, startContainer, waitContainer } from '../../runtime/container/index.js';
import type { Project } from '../../spec/model.js';
import { stopGracefully, supervisorAnswers, supervisorRequest, writeSupervisionSpec } from '../../supervisor/index.js';
import type { ComposeContext } from './compose-context.js';
import { projectContainers, type ProjectContainer } from './project-containers.js';
import { supervisionSpecOf } from './supervision.js';
import { linkSupervisor } from './supervisor-link.js';
import { composeHandlers } from './up-handlers.js';

/** Where the containers live and who watches them. */
export interface OpsScope {
  cc: ComposeContext;
  projectName: string;
  project: Project | undefined;
  /** Whether the project's supervisor answered when the verb began. */
  supervised: boolean;
}

/** The scope of a verb, asking the supervisor once whether it runs. */
export async function opsScope(cc: ComposeContext, projectName: string, project: Project | undefined): Promise<OpsScope> {
  return { cc, projectName, project, supervised: await supervisorAnswers(cc.roots, projectName, 500) };
}

/**
 * Stops `c` with its service's stop signal; `timeout` seconds (else stop_grace_period, else 10) before
 * SIGKILL. A supervisor that cannot do it (it does not supervise `c`) leaves the stop to this process.
 */
export async function stopOne(scope: OpsScope, c: ProjectContainer, timeout: number | undefined): Promise<void> {
  const service = scope.project?.services[c.service];
  const graceMs = 1000 * (timeout ?? (service?.stop_grace_period === undefined ? 10 : service.stop_grace_period.milliseconds / 1000));
  const signal = service?.stop_signal ?? 'SIGTERM';
  if (!scope.supervised) {
    await stopGracefully(scope.cc.runtime, c.id, signal, graceMs);
    return;
  }
  const asked = supervisorRequest(scope.cc.roots, scope.projectName, { cmd: 'stop-container', id: c.id }).then(() => true, () => false);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), graceMs); });
  const first = await Promise.race([asked, late]);
  clearTimeout(timer);
  if (first === 'late') {
    killContainer(scope.cc.runtime, c.id, 'SIGKILL');
    await waitContainer(scope.cc.runtime, c.id);
  }
  if (!(await asked)) await stopGracefully(scope.cc.runtime, c.id, signal, graceMs);
}

/** Starts `c` unless it runs; through the supervisor when one runs and supervises it (which clears a user stop). */
export async function startOne(scope: OpsScope, c: ProjectContainer): Promise<void> {
  if (scope.supervised && await supervisorRequest(scope.cc.roots, scope.projectName, { cmd: 'start-container', id: c.id }).then(() => true, () => false)) return;
  if (observeContainer(scope.cc.roots, c.id)?.status === 'running') return;
  await startContainer(scope.cc.runtime, c.id, { stdio: 'ignore', foreground: false });
}

/** Removes `c` (running ones are killed first) with its network plumbing and compose files. */
export async function removeOne(scope: OpsScope, c: ProjectContainer): Promise<void> {
  if (scope.supervised) await supervisorRequest(scope.cc.roots, scope.projectName, { cmd: 'stop-container', id: c.id }, 2000).catch(() => undefined);
  const handlers = composeHandlers({ cc: scope.cc, projectName: scope.projectName, project: scope.project, supervisor: undefined, warnings: [] });
  const op: Op = {
    id: `remove-container:${c.id}`, kind: 'remove-container', resource: `service:${c.service}:${c.number}`, dependsOn: [],
    cause: 'removed by the user', undo: 'none', service: c.service, number: c.number, containerId: c.id, containerName: c.name, oneoff: c.oneoff,
  };
  await handlers['remove-container'](op, { signal: new AbortController().signal });
}

/** After removals: the supervisor re-reads a supervisor.json without the removed containers. */
export async function resyncSupervisor(scope: OpsScope): Promise<void> {
  if (!scope.supervised || scope.project === undefined) return;
  writeSupervisionSpec(scope.cc.roots, await supervisionSpecOf(scope.cc, scope.project, projectContainers(scope.cc.roots, scope.projectName)));
  await supervisorRequest(scope.cc.roots, scope.projectName, { cmd: 'reload' });
}

/**
 * After starts: containers that run are supervised (restarts, health, DNS, ports), as the Docker engine
 * always looks after them, so a project made by `create` or stopped with its supervisor gets one back.
 */
export async function superviseStarted(scope: OpsScope): Promise<void> {
  if (scope.supervised || scope.project === undefined) return;
  await (await linkSupervisor(scope.cc, scope.project, 'detached')).sync();
}
