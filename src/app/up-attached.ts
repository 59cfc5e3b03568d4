/**
 * Attached `up` after the plan is applied: the attached services' logs as events, the end of the run
 * (every container ended for good, or the first exit that aborts it, as Compose v2 picks it) and Ctrl-C
 * (first: stop gracefully, not down; second: kill). Exit code: the --exit-code-from service's first exit
 * code (even when the abort stopped it), else the aborting container's; 0 when all ended, and after a
 * Ctrl-C that stopped gracefully (as Compose returns), 130 when a second Ctrl-C killed.
 */
import { BerthError } from '../errors/index.js';
import { projectContainers } from './compose/project-containers.js';
import { followLogs, type ExitEvent, type FollowListener } from './compose/log-follow.js';
import { restartPolicyOf } from './compose/supervision.js';
import { killPlan, stopPlan } from './compose/stop-project.js';
import { executePlan } from '../apply/index.js';
import type { Plan } from '../plan/index.js';
import { observeContainer } from '../runtime/container/index.js';
import type { Project } from '../spec/model.js';
import { loadProjectFromOptions, type ProjectOptions } from './project-loader.js';
import type { UpResult } from './up.js';

/** The choices of attached mode. */
export interface AttachChoices {
  /** `--attach` services (none: all but `--no-attach` ones and those with `attach: false`). */
  attach?: readonly string[] | undefined;
  noAttach?: readonly string[] | undefined;
  /** The services named on the command line; their exits (else the attached services') can abort the run. */
  services?: readonly string[] | undefined;
  /** `exit`: the first exit stops everything (--abort-on-container-exit); `failure`: the first non-zero one. */
  abortOn?: 'exit' | 'failure' | undefined;
  /** The service whose exit code the run ends with (implies abortOn `exit` unless `failure` is chosen). */
  exitCodeFrom?: string | undefined;
  /** `-t`: seconds before SIGKILL when stopping. */
  timeout?: number | undefined;
}

/** What an attached run reports. */
export interface AttachListener extends FollowListener {
  /** A container's exit is stopping the project (Compose prints "Aborting on container exit..."). */
  aborting(event: ExitEvent): void;
}

/** A running attached session. */
export interface AttachedRun {
  /** Settles with the exit code once the run has ended and the containers are stopped. */
  done: Promise<number>;
  /** Ctrl-C: the first call stops gracefully ('graceful'), a later one kills ('forced'). */
  interrupt(): 'graceful' | 'forced';
}

/** Throws unless --exit-code-from names a service of the project, as Compose checks before `up`. */
export function checkExitCodeFrom(projectOptions: ProjectOptions, service: string): void {
  const project = loadProjectFromOptions(projectOptions).project;
  if (project !== undefined && project.services[service] === undefined) {
    throw new BerthError('not-found', 'up.exit-code-from-unknown', `no such service: ${service} (--exit-code-from)`, { hint: 'name a service of the project; list them with `berth config --services`' });
  }
}

/** Follows the project `result` brought up until it ends. */
export function runAttached(result: UpResult, choices: AttachChoices, listener: AttachListener): AttachedRun {
  const { project, session } = result;
  if (session === undefined) return { done: Promise.resolve(0), interrupt: () => 'forced' };
  const { cc, supervisor, handlers } = session;
  const attached = attachedServices(project, choices);
  let finish: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => { finish = resolve; });
  let stopping: 'no' | 'graceful' | 'forced' = 'no';
  let interrupted = false;
  let stops: Plan | undefined;
  const stop = async (): Promise<void> => {
    stopping = 'graceful';
    stops = await stopPlan(cc, project, choices.timeout);
    await executePlan(stops, handlers).catch(() => undefined);
    finish();
  };
  const exits = exitTracker(choices, attached, listener, () => stopping === 'no', () => void stop());
  const follower = followLogs(cc.roots, project.name, exits.followed, {
    line: (event) => { if (attached.has(event.service)) listener.line(event); },
    exited: exits.exited,
  }, session.logMark);
  const watcher = setInterval(() => { if (stopping === 'no' && allEnded(result)) finish(); }, 300);
  const done = ended.then(async () => {
    clearInterval(watcher);
    follower.stop();
    await supervisor.hosted?.shutdown();
    if (interrupted) return stopping === 'forced' ? 130 : 0;
    return exits.code();
  });
  return {
    done,
    interrupt: () => {
      if (stopping === 'no') {
        interrupted = true;
        void stop();
        return 'graceful';
      }
      stopping = 'forced';
      if (stops !== undefined) killPlan(cc, stops);
      return 'forced';
    },
  };
}

/** Which exits abort the run (`abort` is called once, while `running`), and the code the run ends with. */
function exitTracker(choices: AttachChoices, attached: ReadonlySet<string>, listener: AttachListener, running: () => boolean, abort: () => void) {
  const watched = new Set(choices.services !== undefined && choices.services.length > 0 ? choices.services : attached);
  const abortOn = choices.abortOn ?? (choices.exitCodeFrom === undefined ? undefined : 'exit');
  let abortCode: number | undefined;
  let fromCode: number | undefined;
  return {
    followed: new Set([...attached, ...watched, ...(choices.exitCodeFrom === undefined ? [] : [choices.exitCodeFrom])]),
    exited: (event: ExitEvent): void => {
      listener.exited(event);
      if (event.service === choices.exitCodeFrom && fromCode === undefined) fromCode = event.code;
      if (abortOn === undefined || !running() || !watched.has(event.service) || (abortOn === 'failure' && event.code === 0)) return;
      abortCode = event.code;
      listener.aborting(event);
      abort();
    },
    code: (): number => fromCode ?? abortCode ?? 0,
  };
}

/** The services whose output is shown: --attach ones, else all but --no-attach ones and `attach: false`. */
function attachedServices(project: Project, choices: AttachChoices): Set<string> {
  const all = choices.attach ?? Object.values(project.services).filter((s) => s.attach !== false).map((s) => s.name);
  return new Set(all.filter((s) => !(choices.noAttach ?? []).includes(s)));
}

/** Whether every container of the project has ended and none will be restarted by its policy. */
function allEnded(result: UpResult): boolean {
  const { project, session } = result;
  if (session === undefined) return true;
  const containers = projectContainers(session.cc.roots, project.name).filter((c) => !c.oneoff);
  return containers.every((c) => {
    if (c.status === 'running' || c.status === 'paused') return false;
    const service = project.services[c.service];
    const policy = service === undefined ? { kind: 'no' as const } : restartPolicyOf(service);
    return policy.kind === 'no' || c.status === 'created' || (policy.kind === 'on-failure' && observeContainer(session.cc.roots, c.id)?.exit?.code === 0);
  });
}
