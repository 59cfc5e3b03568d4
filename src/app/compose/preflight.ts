/**
 * What `up` checks and fetches before it plans, so a bad project fails before anything is made: each
 * service's image is had as its pull_policy (and --pull, --build, --no-build) says, pulled in parallel
 * or built; the host ports of services about to get new containers are free (ports our own supervisor
 * already holds excepted) and no fixed host port is claimed by two containers of the project; bind sources
 * exist or are created when create_host_path allows; no new container takes a name used outside the project.
 * Every failure names the service.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { BerthError } from '../../errors/index.js';
import { LABELS, serviceImage, type Plan } from '../../plan/index.js';
import { observe } from '../../runtime/container/index.js';
import { checkPortsFree } from '../../runtime/network/index.js';
import { liveSupervisorPid, projectPaths } from '../../supervisor/index.js';
import type { Project, Service } from '../../spec/model.js';
import type { ComposeContext } from './compose-context.js';
import { projectContainers } from './project-containers.js';
import { publishedPorts } from './supervision.js';

/** The image choices of `up`. */
export interface ImageChoices {
  /** `--pull always|missing|never|build`, over each service's pull_policy. */
  pull?: string | undefined;
  /** `--build`: build every service with build: before starting; `--no-build`: never build. */
  build?: boolean | undefined;
}

/** Makes sure every service in `names` has its image; `present` is reference → id of the stored ones. */
export async function ensureImages(cc: ComposeContext, project: Project, names: readonly string[], present: Readonly<Record<string, string>>, choices: ImageChoices): Promise<number> {
  const jobs = names.map((name) => project.services[name]!).map((service) => haveImage(cc, project, service, present, choices));
  const results = await Promise.allSettled(jobs);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  return results.filter((r) => r.status === 'fulfilled' && r.value).length;
}

async function haveImage(cc: ComposeContext, project: Project, service: Service, present: Readonly<Record<string, string>>, choices: ImageChoices): Promise<boolean> {
  const image = serviceImage(project, service);
  const policy = choices.pull ?? service.pull_policy ?? 'missing';
  const has = present[image] !== undefined;
  const wantsBuild = service.build !== undefined && choices.build !== false && (choices.build === true || policy === 'build' || (!has && service.image === undefined));
  try {
    // The builder and the puller are loaded only when an image is missing or wanted anew: most ups find all.
    if (wantsBuild) {
      const { buildRequestOf } = await import('../build-request.js');
      await (await import('../../runtime/build/index.js')).buildImage(cc.runtime, buildRequestOf(project.name, service.name, service, {}));
      return true;
    }
    if (policyPulls(policy, has, 'when-missing') || (!has && policy === 'build')) {
      await (await import('../../runtime/image/index.js')).pullImage(cc.roots, image);
      return true;
    }
  } catch (error) {
    throw unavailable(service.name, image, error);
  }
  if (!has) throw unavailable(service.name, image, new Error(`it is not stored and pull_policy is ${policy}`));
  return false;
}

/**
 * Whether pull_policy `policy` pulls an image that is stored (`present`) or not: `always` and `refresh`
 * every time; the periodic ones (`daily`, `weekly`, `every_<duration>`) every time for `berth pull` and,
 * as no pull time is recorded, only when missing for `up`; `never` and `build` never; the rest
 * (`missing`, `if_not_present`) when missing.
 */
export function policyPulls(policy: string, present: boolean, periodic: 'always' | 'when-missing'): boolean {
  if (policy === 'never' || policy === 'build') return false;
  if (policy === 'always' || policy === 'refresh') return true;
  const isPeriodic = policy === 'daily' || policy === 'weekly' || policy.startsWith('every_');
  return isPeriodic && periodic === 'always' ? true : !present;
}

function unavailable(service: string, image: string, cause: unknown): BerthError {
  const why = cause instanceof Error ? cause.message : String(cause);
  return new BerthError('not-found', 'up.image-unavailable', `service ${service}: image ${image} cannot be had: ${why}`, {
    hint: 'check the image name, import or load it (berth import / berth load), or make the registry reachable',
    cause,
  });
}

/** Checks the published ports of the services the plan creates containers for. */
export function checkPlanPorts(cc: ComposeContext, project: Project, plan: Plan): void {
  checkPortClashes(cc, project, plan);
  // The project's own supervisor (this process when attached) may hold a port already: it moves it over.
  const supervisor = liveSupervisorPid(projectPaths(cc.roots, project.name).pid)?.pid;
  const owners = new Set([process.pid, ...(supervisor === undefined ? [] : [supervisor])]);
  const services = new Set(plan.ops.filter((op) => op.kind === 'create-container').map((op) => op.service!));
  for (const name of services) {
    const ports = publishedPorts(project.services[name]!);
    try {
      checkPortsFree(ports.map((p) => ({ protocol: p.protocol, hostIp: p.hostIp, hostPort: p.hostPort, targetIp: '0.0.0.0', targetPort: p.containerPort })), owners);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new BerthError('conflict', 'up.port-in-use', `service ${name}: ${why}`, { hint: 'stop what uses the port, or publish the service on another host port', cause: error });
    }
  }
}

/**
 * Fails when two containers of the project would publish one fixed host port once the plan ran: the
 * replicas of one service (Docker fails the second with "port is already allocated"), or two services.
 */
function checkPortClashes(cc: ComposeContext, project: Project, plan: Plan): void {
  const removed = new Set(plan.ops.filter((op) => op.kind === 'remove-container').map((op) => op.containerId));
  const numbers = new Map<string, Set<number>>();
  const add = (service: string, n: number): void => void numbers.set(service, (numbers.get(service) ?? new Set()).add(n));
  for (const c of projectContainers(cc.roots, project.name)) if (!c.oneoff && !removed.has(c.id) && project.services[c.service] !== undefined) add(c.service, c.number);
  for (const op of plan.ops) if (op.kind === 'create-container' && op.service !== undefined && op.number !== undefined) add(op.service, op.number);
  const claimed = new Map<string, string>();
  for (const [service, replicas] of numbers) {
    for (const p of publishedPorts(project.services[service]!).filter((x) => x.hostPort !== 0)) {
      const port = `${p.hostIp}:${p.hostPort}/${p.protocol}`;
      if (replicas.size > 1) {
        throw new BerthError('conflict', 'up.port-shared', `service ${service}: its ${replicas.size} containers cannot all publish host port ${port}`, {
          hint: 'leave the host port out (each container then gets a free one), publish a host port per replica, or scale the service to 1',
        });
      }
      const other = claimed.get(port);
      if (other !== undefined) {
        throw new BerthError('conflict', 'up.port-shared', `services ${other} and ${service} both publish host port ${port}`, { hint: 'give one of them another host port' });
      }
      claimed.set(port, service);
    }
  }
}

/** Fails when a container the plan creates would take the name of a container outside the project (a `container_name` another project or `berth runtime` already uses), as Docker refuses a name in use. */
export function checkContainerNames(cc: ComposeContext, project: Project, plan: Plan): void {
  const others = new Map(observe(cc.roots).filter((c) => c.record.config.labels[LABELS.project] !== project.name).map((c) => [c.record.config.name, c]));
  for (const op of plan.ops.filter((o) => o.kind === 'create-container' && o.containerName !== undefined)) {
    const holder = others.get(op.containerName!);
    if (holder === undefined) continue;
    const owner = holder.record.config.labels[LABELS.project];
    throw new BerthError('conflict', 'up.name-in-use', `service ${op.service ?? ''}: container name ${op.containerName!} is already in use by ${owner === undefined ? 'container' : `project ${owner}'s container`} ${holder.record.id.slice(0, 12)}`, {
      hint: owner === undefined ? 'remove that container, or change container_name' : `take that project down (berth -p ${owner} down), or change container_name`,
    });
  }
}

/** Checks (or creates, when allowed) the bind-mount sources of the services. */
export function checkBindSources(project: Project, names: readonly string[]): void {
  for (const name of names) {
    for (const v of project.services[name]!.volumes ?? []) {
      if (v.type !== 'bind' || v.source === undefined || existsSync(v.source)) continue;
      if (v.bind?.create_host_path === true) {
        mkdirSync(v.source, { recursive: true });
        continue;
      }
      throw new BerthError('not-found', 'up.bind-source-missing', `service ${name}: bind mount source ${v.source} (for ${v.target}) does not exist`, {
        hint: `create ${v.source}, or use the short syntax (which creates it)`,
      });
    }
  }
}
