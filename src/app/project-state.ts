/**
 * A project's state as `ps`, `ls` and later verbs show it: each container (one-off ones included) with
 * its status in Docker's words (`Up 3 seconds (healthy)`, `Exited (1) 2 seconds ago`), health from the
 * supervisor's health.json of the current run, published ports from supervisor.json, and whether a
 * supervisor runs; plus every project on the machine grouped from the container labels. Read-only.
 */
import { isBerthError } from '../errors/index.js';
import { LABELS, serviceImage } from '../plan/index.js';
import type { Project } from '../spec/model.js';
import { observe, observeContainer } from '../runtime/container/index.js';
import { currentHealth, liveSupervisorPid, projectPaths, readSupervision, readSupervisionSpec, type SupervisedPort } from '../supervisor/index.js';
import { composeContext, type ComposeContext } from './compose/compose-context.js';
import { isPaused } from './compose/paused.js';
import { projectContainers, type ProjectContainer } from './compose/project-containers.js';
import { statusText } from './container-status-text.js';
import { loadProjectFromOptions, type ProjectOptions } from './project-loader.js';

/** A published port as `ps --format json` lists it (Docker Compose's Publishers entries). */
export interface Publisher {
  URL: string;
  TargetPort: number;
  PublishedPort: number;
  Protocol: string;
}

/** One container of a project, ready to show. */
export interface ContainerState {
  id: string;
  name: string;
  project: string;
  service: string;
  number: number;
  /** A one-off `berth run` container. */
  oneoff: boolean;
  image: string;
  /** The process's argv, space-joined as Docker shows a container's command. */
  command: string;
  /** `created`, `running`, `exited`, `restarting` (exited, its restart policy's back-off running), `paused`, `dead`. */
  state: string;
  /** Docker's status text: `Up 3 seconds (healthy)`, `Exited (0) 2 minutes ago`, `Restarting (1) 1 second ago`, `Created`. */
  status: string;
  health: 'starting' | 'healthy' | 'unhealthy' | undefined;
  exitCode: number | undefined;
  /** `0.0.0.0:8080->8080/tcp` entries. */
  ports: string[];
  publishers: Publisher[];
  labels: Record<string, string>;
  createdAt: string;
}

/** A project's containers and its supervisor. */
export interface ProjectState {
  project: string;
  /** Service containers and one-off `run` containers, in name order. */
  containers: ContainerState[];
  /** The project's service names (from its compose file; empty when only `-p` names it). */
  services: string[];
  /** The supervisor's pid, undefined when none runs. */
  supervisorPid: number | undefined;
}

/** The state of the project the options name (the compose file, else `-p`). */
export function projectState(options: ProjectOptions): ProjectState {
  const cc = composeContext();
  const { name, project } = projectOf(options);
  const ports = safeSpec(cc.roots, name);
  const now = Date.now();
  const supervisorPid = liveSupervisorPid(projectPaths(cc.roots, name).pid)?.pid;
  const containers = projectContainers(cc.roots, name).map((c) => containerState(cc, c, { project, ports, now, supervisorPid }));
  return { project: name, containers, services: Object.keys(project?.services ?? {}), supervisorPid };
}

interface StateContext {
  project: Project | undefined;
  ports: readonly SupervisedPort[];
  now: number;
  supervisorPid: number | undefined;
}

function containerState(cc: ComposeContext, c: ProjectContainer, { project, ports, now, supervisorPid }: StateContext): ContainerState {
  const observed = observeContainer(cc.roots, c.id);
  const state = c.status === 'running' && isPaused(cc, c.id) ? 'paused' : restarting(cc, c.id, c.status, supervisorPid) ? 'restarting' : c.status;
  const health = state === 'running' ? currentHealth(cc.roots, c.id)?.status : undefined;
  const exitCode = c.status === 'exited' ? observed?.exit?.code : undefined;
  const published = ports.filter((p) => p.container === c.name);
  const service = project?.services[c.service];
  const image = service === undefined || project === undefined ? (c.imageId ?? '').replace(/^sha256:/, '').slice(0, 12) : serviceImage(project, service);
  const status = statusText({ state, health, exitCode, startedAt: observed?.record.startedAt, finishedAt: observed?.exit?.finishedAt }, now);
  return {
    id: c.id, name: c.name, project: c.project, service: c.service, number: c.number, oneoff: c.oneoff, image,
    command: (observed?.record.config.process.args ?? []).join(' '), state, status, health, exitCode,
    ports: published.map((p) => `${p.hostIp}:${p.hostPort}->${p.containerPort}/${p.protocol}`),
    publishers: published.map((p) => ({ URL: p.hostIp, TargetPort: p.containerPort, PublishedPort: p.hostPort, Protocol: p.protocol })),
    labels: observed?.record.config.labels ?? {}, createdAt: c.createdAt,
  };
}

/** A project as `ls` lists it. */
export interface ProjectSummary {
  name: string;
  /** `running(2)`, `running(1), exited(1)`. */
  status: string;
  configFiles: string;
}

/** Every project with running containers on this machine (with `all`, with any container), by name. */
export function listProjects(all = false): ProjectSummary[] {
  const byProject = new Map<string, { states: Map<string, number>; files: string }>();
  // As `docker compose ls`: without -a only running containers count, so a stopped project is left out.
  for (const c of observe(composeContext().roots).filter((o) => all || o.status === 'running')) {
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

function safeSpec(roots: ComposeContext['roots'], name: string): SupervisedPort[] {
  try {
    return readSupervisionSpec(roots, name).ports;
  } catch {
    return [];
  }
}
