/**
 * `berth up`: load the project, plan against what exists (a dry run stops there), link the project's
 * supervisor (detached with -d, hosted in this process otherwise; linked before the rest, so a detached
 * one boots meanwhile), get the images, check ports and bind sources, apply the plan (a failure rolls
 * back what this run made and ends a supervisor left with nothing to supervise), publish the
 * supervision, all under the project lock; then with --wait wait until the services are ready.
 * Attached output and Ctrl-C are up-attached.ts; this file returns data and never prints.
 */
import { executePlan, type ApplyEvent, type OpHandlers } from '../apply/index.js';
import { BerthError, type BerthWarning } from '../errors/index.js';
import { reconcile, renderPlan, type ObservedState, type Plan, type ReconcileOptions } from '../plan/index.js';
import type { Project } from '../spec/model.js';
import type { SupervisorStandby } from '../supervisor/index.js';
import { composeContext, type ComposeContext } from './compose/compose-context.js';
import { healthchecked, waitForServices, type Readiness } from './compose/dependency-wait.js';
import { markLogs, type FollowMark } from './compose/log-follow.js';
import { withProjectLock } from './compose/project-lock.js';
import { checkBindSources, checkContainerNames, checkPlanPorts, ensureImages, type ImageChoices } from './compose/preflight.js';
import { observeState, projectContainers } from './compose/project-containers.js';
import { checkNetworksUnchanged } from './compose/network-settings.js';
import { linkSupervisor, type SupervisorLink } from './compose/supervisor-link.js';
import { endSupervisor } from './compose/supervisor-stop.js';
import { composeHandlers, type HandlerSession } from './compose/up-handlers.js';
import { loadProjectFromOptions, type ProjectOptions } from './project-loader.js';

export type { ApplyEvent } from '../apply/index.js';

/** The choices of `berth up`. */
export interface UpOptions extends ReconcileOptions, ImageChoices {
  detach?: boolean;
  dryRun?: boolean;
  /** Wait for running (and healthy, where a healthcheck is set) services; ms bound with waitTimeoutMs. */
  wait?: boolean;
  waitTimeoutMs?: number | undefined;
  onEvent?: (event: ApplyEvent) => void;
  signal?: AbortSignal | undefined;
  /** A supervisor started early (app/supervisor-standby.ts), used if a detached one must be started. */
  standby?: SupervisorStandby | undefined;
}

/** What `up` did. */
export interface UpResult {
  project: Project;
  plan: Plan;
  /** The plan as text (dry runs print it). */
  planText: string;
  warnings: BerthWarning[];
  /** How many images were pulled or built before planning. */
  imagesFetched: number;
  /** Set when containers run: what attached mode needs. */
  session?: UpSession | undefined;
}

/** A finished up's live parts: the context, the supervisor link, the handlers (for Ctrl-C stops), and the logs' state before the plan ran. */
export interface UpSession {
  cc: ComposeContext;
  supervisor: SupervisorLink;
  handlers: OpHandlers;
  logMark: FollowMark;
}

/** Runs `up`. */
export async function up(projectOptions: ProjectOptions, options: UpOptions): Promise<UpResult> {
  const loaded = loadProjectFromOptions(projectOptions, { services: options.services ?? [] });
  const project = loaded.project;
  if (project === undefined) throw new BerthError('internal', 'up.no-project', 'the project could not be loaded', { hint: 'run `berth config` to see why' });
  for (const service of Object.keys(options.scale ?? {})) {
    if (project.services[service] === undefined) throw new BerthError('not-found', 'service.not-found', `no such service: ${service} (--scale)`, { hint: `the services of project ${project.name} are ${Object.keys(project.services).join(', ')}` });
  }
  const cc = composeContext();
  const warnings: BerthWarning[] = [...loaded.warnings];
  const result = await withProjectLock(cc.roots, project.name, () => converge(cc, project, warnings, options));
  if (options.wait === true && result.session !== undefined) await waitForServices(cc, project.name, readiness(cc, project, result.plan), options.waitTimeoutMs, options.signal ?? new AbortController().signal);
  return result;
}

/** Plans and applies under the project lock (see up()). */
async function converge(cc: ComposeContext, project: Project, warnings: BerthWarning[], options: UpOptions): Promise<UpResult> {
  checkNetworksUnchanged(cc.roots, project);
  const observed = await observeState(cc.roots, project);
  const first = reconcile(project, observed, options);
  if (options.dryRun === true) return { project, plan: first, planText: renderPlan(first), warnings: [...warnings, ...first.warnings], imagesFetched: 0 };
  // Linked first: a detached supervisor's Node start-up then overlaps the image, port and mount checks.
  const supervisor = await linkSupervisor(cc, project, options.detach === true ? 'detached' : 'hosted', options.standby);
  options.standby?.release();
  const handlerSession: HandlerSession = { cc, projectName: project.name, project, supervisor, warnings };
  const handlers = composeHandlers(handlerSession);
  let applied: { plan: Plan; imagesFetched: number };
  // Only attached mode follows the logs; a detached up skips reading every record once more.
  const logMark = options.detach === true ? { offsets: new Map<string, number>(), exits: new Set<string>() } : markLogs(cc.roots, project.name);
  try {
    applied = await apply(cc, project, first, observed, { handlers, session: handlerSession }, options);
    await supervisor.sync();
  } catch (error) {
    await releaseIfEmpty(cc, project, supervisor);
    throw error;
  }
  const { plan, imagesFetched } = applied;
  warnings.push(...plan.warnings);
  return { project, plan, planText: renderPlan(plan), warnings, imagesFetched, session: { cc, supervisor, handlers, logMark } };
}

/** Gets the images (planning again when any was fetched), checks bind sources and ports, runs the plan. */
async function apply(cc: ComposeContext, project: Project, first: Plan, observed: ObservedState, { handlers, session }: { handlers: OpHandlers; session: HandlerSession }, options: UpOptions): Promise<{ plan: Plan; imagesFetched: number }> {
  const imagesFetched = await ensureImages(cc, project, imageServices(first, options), observed.images, options);
  const plan = imagesFetched === 0 ? first : reconcile(project, await observeState(cc.roots, project), options);
  const creating = [...new Set(plan.ops.filter((op) => op.kind === 'create-container').map((op) => op.service!))];
  checkBindSources(project, creating);
  checkContainerNames(cc, project, plan);
  checkPlanPorts(cc, project, plan);
  session.networkRules = plan.ops.some((op) => op.kind === 'start-container') ? new Map() : undefined;
  await executePlan(plan, handlers, { ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }), ...(options.signal === undefined ? {} : { signal: options.signal }) });
  return { plan, imagesFetched };
}

/** The services whose images must be had: those getting containers, or all in the plan with --pull always/--build. */
function imageServices(plan: Plan, options: UpOptions): string[] {
  const all = options.pull === 'always' || options.build === true;
  const ops = plan.ops.filter((op) => op.service !== undefined && (all || op.kind === 'create-container' || op.kind === 'ensure-image'));
  return [...new Set(ops.map((op) => op.service!))];
}

/** For --wait: each service in the plan (all when nothing changed), and what it must reach. */
function readiness(cc: ComposeContext, project: Project, plan: Plan): Map<string, Readiness> {
  const named = plan.ops.map((op) => op.service).filter((s): s is string => s !== undefined && project.services[s] !== undefined);
  const services = named.length > 0 ? [...new Set(named)] : Object.keys(project.services);
  const checked = healthchecked(cc, project.name);
  const completes = new Set(Object.values(project.services).flatMap((s) => Object.entries(s.depends_on ?? {}).filter(([, d]) => d.condition === 'service_completed_successfully').map(([name]) => name)));
  return new Map(services.map((s) => [s, completes.has(s) ? 'completed' : checked.has(s) ? 'healthy' : 'running']));
}

/** After a failed up: a supervisor left with no container to supervise is ended, and its files removed. */
async function releaseIfEmpty(cc: ComposeContext, project: Project, supervisor: SupervisorLink): Promise<void> {
  await supervisor.sync().catch(() => undefined);
  const empty = projectContainers(cc.roots, project.name).length === 0;
  if (supervisor.hosted !== undefined) await supervisor.hosted.shutdown();
  if (empty) await endSupervisor(cc.roots, project.name);
}
