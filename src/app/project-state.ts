/**
 * A project's state as `ps`, `ls` and later verbs show it: each container with its status (Docker's
 * words: `running`, `exited (1)`, `created`), health from the supervisor's health.json of the current
 * run, published ports from supervisor.json, and whether a supervisor runs; plus every project on the
 * machine grouped from the container labels. Read-only; works from records alone.
 */
import { isBerthError } from '../errors/index.js';
import { LABELS, serviceImage } from '../plan/index.js';
import type { Project } from '../spec/model.js';
import { observe, observeContainer } from '../runtime/container/index.js';
import { currentHealth, liveSupervisorPid, projectPaths, readSupervision, readSupervisionSpec } from '../supervisor/index.js';
import { composeContext, type ComposeContext } from './compose/compose-context.js';
import { projectContainers } from './compose/project-containers.js';
import { loadProjectFromOptions, type ProjectOptions } from './project-loader.js';

/** One container of a project, ready to show. */
export interface ContainerState {
  id: string;
  name: string;
  service: string;
  number: number;
  image: string;
  /** `created`, `running`, `exited`, `restarting` (exited, its restart policy's back-off running), `paused`, `dead`. */
  state: string;
  /** Docker-style status text: `running`, `exited (0)`, `restarting (1)`, `running (healthy)`. */
  status: string;
  health: 'starting' | 'healthy' | 'unhealthy' | undefined;
  exitCode: number | undefined;
  /** `0.0.0.0:8080->8080/tcp` entries. */
  ports: string[];
  /** The same ports as data. */
  publishers: Publisher[];
  createdAt: string;
}

/** One published port of a container. */
export interface Publisher {
  hostIp: string;
  hostPort: number;
  containerPort: number;
  protocol: string;
}

/** A project's containers and its supervisor. */
export interface ProjectState {
  project: string;
  containers: ContainerState[];
  /** The supervisor's pid, undefined when none runs. */
  supervisorPid: number | undefined;
}

/** The state of the project the options name (the compose file, else `-p`). */
export function projectState(options: ProjectOptions): ProjectState {
  const cc = composeContext();
  const { name, project } = projectOf(options);
  const spec = safeSpec(cc.roots, name);
  const supervisorPid = liveSupervisorPid(projectPaths(cc.roots, name).pid)?.pid;
  const containers = projectContainers(cc.roots, name).filter((c) => !c.oneoff).map((c): ContainerState => {
    const observed = observeContainer(cc.roots, c.id);
    const health = currentHealth(cc.roots, c.id)?.status;
    const exitCode = c.status === 'exited' ? observed?.exit?.code : undefined;
    const publishers = spec.filter((p) => p.container === c.name).map(({ hostIp, hostPort, containerPort, protocol }) => ({ hostIp, hostPort, containerPort, protocol }));
    const ports = publishers.map((p) => `${p.hostIp}:${p.hostPort}->${p.containerPort}/${p.protocol}`);
    const state = c.status === 'running' && frozen(cc, observed?.record.cgroupName) ? 'paused' : restarting(cc, c.id, c.status, supervisorPid) ? 'restarting' : c.status;
    const status = state === 'exited' || state === 'restarting' ? `${state} (${exitCode ?? '?'})` : health !== undefined && state === 'running' ? `running (${health})` : state;
    const service = project?.services[c.service];
    const image = service === undefined || project === undefined ? (c.imageId ?? '').replace(/^sha256:/, '').slice(0, 12) : serviceImage(project, service);
    return { id: c.id, name: c.name, service: c.service, number: c.number, image, state, status, health, exitCode, ports, publishers, createdAt: c.createdAt };
  });
  return { project: name, containers, supervisorPid };
}

/** A project as `ls` lists it. */
export interface ProjectSummary {
  name: string;
  /** `running(2)`, `running(1), exited(1)`. */
  status: string;
  configFiles: string;
}

/** Every project with containers on this machine, by name. */
export function listProjects(): ProjectSummary[] {
  const byProject = new Map<string, { states: Map<string, number>; files: string }>();
  for (const c of observe(composeContext().roots)) {
    const project = c.record.config.labels[LABELS.project];
    if (project === undefined) continue;
    const entry = byProject.get(project) ?? { states: new Map<string, number>(), files: c.record.config.labels['com.docker.compose.project.config_files'] ?? '' };
    entry.states.set(c.status, (entry.states.get(c.status) ?? 0) + 1);
    byProject.set(project, entry);
  }
  return [...byProject].sort(([a], [b]) => a.localeCompare(b)).map(([name, e]) => ({
    name, configFiles: e.files, status: [...e.states].sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${s}(${n})`).join(', '),
  }));
}

/** The project from the compose file, or only its name (`-p`, COMPOSE_PROJECT_NAME) when there is no file. */
export function projectOf(options: ProjectOptions): { name: string; project: Project | undefined } {
  try {
    const loaded = loadProjectFromOptions(options, { profiles: ['*'] });
    return { name: loaded.name, project: loaded.project };
  } catch (error) {
    const name = options.projectName ?? process.env['COMPOSE_PROJECT_NAME'];
    if (isBerthError(error) && error.code === 'spec.no-compose-file' && name !== undefined) return { name, project: undefined };
    throw error;
  }
}

/** Whether the exited container waits out its restart back-off under a live supervisor (Docker's `restarting`). */
function restarting(cc: ComposeContext, id: string, status: string, supervisorPid: number | undefined): boolean {
  return status === 'exited' && supervisorPid !== undefined && readSupervision(cc.roots, id).restartAt !== undefined;
}

/** Whether the container's cgroup is frozen (`berth pause`): the runtime reports such a container running. */
function frozen(cc: ReturnType<typeof composeContext>, cgroupName: string | undefined): boolean {
  return cgroupName !== undefined && cc.runtime.cgroups.open(cgroupName)?.frozen() === true;
}

function safeSpec(roots: ReturnType<typeof composeContext>['roots'], name: string) {
  try {
    return readSupervisionSpec(roots, name).ports;
  } catch {
    return [];
  }
}
