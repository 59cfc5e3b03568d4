/**
 * `berth run service [cmd…]`: a one-off container `<project>-<service>-run-<slug>` labelled oneoff, so
 * up's reconcile, ps and the supervisor leave it alone while down removes it. The service's dependencies
 * are brought up first through `up` (unless --no-deps), its image, networks and volumes are made as up
 * makes them, then the container runs attached (the caller's stdio, or a pty) or detached, its -p ports
 * forwarded by the project's supervisor (run-publish.ts), whose DNS answers for it by container name
 * (and, with --use-aliases, by the service name and aliases, as Compose). With --rm the container and its
 * anonymous volumes are removed after it exits. Returns data; never prints.
 */
import { randomBytes } from 'node:crypto';
import { executePlan, type ApplyEvent } from '../apply/index.js';
import { BerthError, type BerthWarning } from '../errors/index.js';
import { containerId, oneOffName, reconcile, type Op, type Plan } from '../plan/index.js';
import { killContainer, observe, observeContainer, startContainer, type ExitStatus } from '../runtime/container/index.js';
import { listVolumes, removeVolume, VOLUME_LABELS, volumesInUse } from '../runtime/volume/index.js';
import type { Project } from '../spec/model.js';
import { supervisorAnswers } from '../supervisor/index.js';
import { composeContext, type ComposeContext } from './compose/compose-context.js';
import { commandError } from './compose/command-error.js';
import { createServiceContainer } from './compose/container-build.js';
import { opsScope, removeOne } from './compose/container-ops.js';
import { checkBindSources, ensureImages, type ImageChoices } from './compose/preflight.js';
import { observeState, projectContainers } from './compose/project-containers.js';
import { composeHandlers } from './compose/up-handlers.js';
import { loadProjectFromOptions, type ProjectOptions } from './project-loader.js';
import { runService, type RunOverrides } from './run-overrides.js';
import { checkOneOffPorts, publishOneOff, type OneOffPublisher } from './run-publish.js';
import { up } from './up.js';

/** The choices of `berth run`. */
export interface RunChoices extends RunOverrides, ImageChoices {
  service: string;
  detach: boolean;
  /** The container's name (`--name`), instead of `<project>-<service>-run-<slug>`. */
  name?: string | undefined;
  /** `--use-aliases`: the networks' DNS answers with the service name and aliases too, not just the container name. */
  useAliases?: boolean | undefined;
  /** Remove the container (and its anonymous volumes) after it exits. */
  remove: boolean;
  noDeps: boolean;
  onEvent?: ((event: ApplyEvent) => void) | undefined;
}

/** A started one-off container. */
export interface RunSession {
  name: string;
  id: string;
  warnings: BerthWarning[];
  /** The container's exit code (128 + signal when killed); 0 at once when detached. */
  done: Promise<number>;
}

/** Starts `berth run`. */
export async function run(projectOptions: ProjectOptions, choices: RunChoices): Promise<RunSession> {
  const project = loadProjectFromOptions(projectOptions, { services: [choices.service] }).project;
  const declared = project?.services[choices.service];
  if (project === undefined || declared === undefined) {
    throw new BerthError('not-found', 'service.not-found', `service ${choices.service} not found in the project`, { hint: 'list the services with `berth config --services`' });
  }
  const service = runService(declared, choices, process.env);
  const cc = composeContext();
  const slug = randomBytes(6).toString('hex');
  const name = choices.name ?? oneOffName(project.name, choices.service, slug);
  if (observe(cc.roots).some((c) => c.name === name)) {
    throw new BerthError('conflict', 'container.name-in-use', `container name ${name} is already in use`, { hint: 'choose another --name, or remove that container (berth rm)' });
  }
  const warnings: BerthWarning[] = [];
  await prepare(cc, projectOptions, project, choices, warnings);
  const id = containerId(project.name, name, undefined, cc.roots.root);
  const one: Project = { ...project, services: { ...project.services, [choices.service]: service } };
  checkBindSources(one, [choices.service]);
  const op: Op = { id: `create-container:${name}`, kind: 'create-container', resource: `service:${choices.service}:run`, dependsOn: [], cause: 'run', undo: 'none', service: choices.service, number: 1, containerId: id, containerName: name, oneoff: true };
  const containerOf = (s: string): string | undefined => projectContainers(cc.roots, project.name).find((c) => c.service === s && !c.oneoff)?.id;
  // The supervisor serves the one-off's DNS name while it runs, and forwards its ports (started for those).
  const publisher = checkOneOffPorts(service) || await supervisorAnswers(cc.roots, project.name, 500) ? await publishOneOff(cc, project) : undefined;
  try {
    warnings.push(...await createServiceContainer(cc, one, op, containerOf, { slug, useAliases: choices.useAliases === true }));
  } catch (error) {
    await publisher?.ended();
    throw error;
  }
  return { name, id, warnings, done: runOneOff(cc, project, id, choices, publisher) };
}

/** What the one-off needs first: its dependencies up (unless --no-deps), its image, networks and volumes. */
async function prepare(cc: ComposeContext, projectOptions: ProjectOptions, project: Project, choices: RunChoices, warnings: BerthWarning[]): Promise<void> {
  const dependencies = Object.keys(project.services[choices.service]?.depends_on ?? {}).filter((d) => project.services[d] !== undefined);
  if (!choices.noDeps && dependencies.length > 0) await up(projectOptions, { services: dependencies, detach: true, ...(choices.onEvent === undefined ? {} : { onEvent: choices.onEvent }) });
  await ensureImages(cc, project, [choices.service], (await observeState(cc.roots, project)).images, { pull: choices.pull, build: choices.build });
  const plan = reconcile(project, await observeState(cc.roots, project), { services: [choices.service], noDeps: true });
  await executePlan(resourcesOnly(plan), composeHandlers({ cc, projectName: project.name, project, supervisor: undefined, warnings }));
}

/**
 * Runs the created one-off detached or attached; with --rm it is removed after it exits, or when it
 * could not start (a missing command: 127, as docker run says).
 */
async function runOneOff(cc: ComposeContext, project: Project, id: string, choices: RunChoices, publisher: OneOffPublisher | undefined): Promise<number> {
  let exit: ExitStatus;
  try {
    if (choices.detach) {
      await startContainer(cc.runtime, id, { stdio: 'ignore', foreground: false });
      await publisher?.started(id);
      return 0;
    }
    const forwarding = publisher?.started(id);
    exit = await attached(cc, id);
    await forwarding;
  } catch (error) {
    const record = observeContainer(cc.roots, id)?.record;
    if (choices.remove) await removeOneOff(cc, project, id).catch(() => undefined);
    await publisher?.ended();
    throw commandError(error, record?.name ?? id, record?.config.process.args[0]);
  }
  if (choices.remove) await removeOneOff(cc, project, id);
  await publisher?.ended();
  return exit.signal > 0 ? 128 + exit.signal : exit.code;
}

/** The networks and volumes a plan makes (the service's own containers are left to `up`). */
function resourcesOnly(plan: Plan): Plan {
  const ops = plan.ops.filter((op) => op.kind === 'create-network' || op.kind === 'create-volume');
  const ids = new Set(ops.map((op) => op.id));
  return { ...plan, ops: ops.map((op) => ({ ...op, dependsOn: op.dependsOn.filter((d) => ids.has(d)) })) };
}

/** Runs the container with the caller's stdio, forwarding termination signals and terminal size changes. */
async function attached(cc: ComposeContext, id: string): Promise<ExitStatus> {
  const forward = (signal: NodeJS.Signals): void => {
    try {
      killContainer(cc.runtime, id, signal);
    } catch {
      // not started yet or already gone: nothing to forward to
    }
  };
  const resize = (): void => {
    const monitor = observeContainer(cc.roots, id)?.record.monitorPid;
    try {
      if (monitor !== undefined) process.kill(monitor, 'SIGWINCH');
    } catch {
      // the monitor just exited: nothing to resize
    }
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, forward);
  process.on('SIGWINCH', resize);
  try {
    const result = await startContainer(cc.runtime, id, { stdio: 'inherit', foreground: true });
    return result.exit ?? { code: 255, signal: 0, oomKilled: false };
  } finally {
    for (const s of signals) process.off(s, forward);
    process.off('SIGWINCH', resize);
  }
}

/** Removes the one-off container `id`, its network plumbing and its anonymous volumes. */
async function removeOneOff(cc: ComposeContext, project: Project, id: string): Promise<void> {
  const container = projectContainers(cc.roots, project.name).find((c) => c.id === id);
  if (container === undefined) return;
  await removeOne(await opsScope(cc, project.name, project), container);
  const anonymous = listVolumes(cc.roots).filter((v) => v.labels[VOLUME_LABELS.anonymous] !== undefined && v.labels[VOLUME_LABELS.container] === container.name);
  for (const volume of anonymous) await removeVolume(cc.roots, volume.name, volumesInUse(cc.roots), { missingOk: true });
}
