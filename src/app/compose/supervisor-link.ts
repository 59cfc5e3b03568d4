/**
 * How `up` talks to the project's supervisor while it applies a plan: sync() rewrites supervisor.json
 * from the records on disk (leaving out the containers being stopped) and makes the supervisor reload
 * it, so a container is supervised (restarts, health, DNS, ports) from the moment it starts. Syncs run
 * one at a time, and those asked for meanwhile share the next one. The supervisor is either hosted in this process (foreground `up`) or a detached one.
 */
import { ensureSupervisor, supervisorRequest, writeSupervisionSpec, type Supervisor, type SupervisorStandby } from '../../supervisor/index.js';
import type { Project } from '../../spec/model.js';
import type { ComposeContext } from './compose-context.js';
import { projectContainers } from './project-containers.js';
import { supervisionSpecOf } from './supervision.js';
import { endSupervisor } from './supervisor-stop.js';

/** The link to a running supervisor. */
export interface SupervisorLink {
  /** Containers never put in supervisor.json again (being stopped or removed). */
  readonly leaving: Set<string>;
  sync(): Promise<void>;
  /** The in-process supervisor, when this process hosts it. */
  readonly hosted: Supervisor | undefined;
  /** Settles with the detached supervisor's pid once it answers (undefined when hosted). */
  readonly ready: Promise<number> | undefined;
}

/**
 * Writes the current spec, then starts (hosted) or ensures (detached) the project's supervisor; a
 * foreground `up` ends a detached supervisor first and hosts its own (docs/supervisor.md).
 */
export async function linkSupervisor(cc: ComposeContext, project: Project, mode: 'hosted' | 'detached', standby?: SupervisorStandby): Promise<SupervisorLink> {
  const leaving = new Set<string>();
  const write = async (): Promise<void> => {
    const containers = projectContainers(cc.roots, project.name).filter((c) => !leaving.has(c.id));
    writeSupervisionSpec(cc.roots, await supervisionSpecOf(cc, project, containers));
  };
  if (mode === 'hosted') await endSupervisor(cc.roots, project.name);
  await write();
  // Loaded only to host one: the supervisor's code (DNS, ports, probes) is not this process's for `up -d`.
  const hosted = mode === 'hosted' ? await (await import('../../supervisor/supervisor.js')).startSupervisor({ roots: cc.roots, project: project.name, log: () => undefined }) : undefined;
  // A detached supervisor starts while the plan's first ops run; the first sync waits until it answers.
  const detached = mode === 'detached' ? ensureSupervisor(cc.roots, project.name, { standby }) : undefined;
  detached?.catch(() => undefined);
  let running: Promise<void> = detached?.then(() => undefined) ?? Promise.resolve();
  let queued: Promise<void> | undefined;
  const reload = async (): Promise<void> => {
    queued = undefined;
    await write();
    if (hosted !== undefined) await hosted.reload();
    else await supervisorRequest(cc.roots, project.name, { cmd: 'reload' });
  };
  // Syncs asked for while one runs share the next one: it reads the records after all of them.
  const sync = (): Promise<void> => {
    queued ??= running.catch(() => detached).then(reload);
    running = queued;
    return queued;
  };
  return { leaving, hosted, ready: detached?.then((s) => s.pid), sync };
}
