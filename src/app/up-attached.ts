/**
 * Attached `up` after the plan is applied: the logs of the attached services as events, the end of the
 * run (every container ended for good, or the first exit with --abort-on-container-exit/--exit-code-from)
 * and Ctrl-C: the first interrupt stops the project gracefully (stop, not down), a second one kills its
 * containers. The hosted supervisor ends with the run. Exit codes follow Docker Compose: 0 when the
 * containers ended by themselves, the exited container's code on abort, 130 after an interrupt.
 */
import { projectContainers } from './compose/project-containers.js';
import { followLogs, type FollowListener } from './compose/log-follow.js';
import { restartPolicyOf } from './compose/supervision.js';
import { killPlan, stopPlan } from './compose/stop-project.js';
import { executePlan } from '../apply/index.js';
import type { Plan } from '../plan/index.js';
import { observeContainer } from '../runtime/container/index.js';
import type { UpResult } from './up.js';

/** The choices of attached mode. */
export interface AttachChoices {
  /** `--attach` services (none: all but `--no-attach` ones and those with `attach: false`). */
  attach?: readonly string[] | undefined;
  noAttach?: readonly string[] | undefined;
  abortOnContainerExit?: boolean | undefined;
  exitCodeFrom?: string | undefined;
  /** `-t`: seconds before SIGKILL when stopping. */
  timeout?: number | undefined;
}

/** A running attached session. */
export interface AttachedRun {
  /** Settles with the exit code once the run has ended and the containers are stopped. */
  done: Promise<number>;
  /** Ctrl-C: the first call stops gracefully ('graceful'), a later one kills ('forced'). */
  interrupt(): 'graceful' | 'forced';
}

/** Follows the project `result` brought up until it ends. */
export function runAttached(result: UpResult, choices: AttachChoices, listener: FollowListener): AttachedRun {
  const { project, session } = result;
  if (session === undefined) return { done: Promise.resolve(0), interrupt: () => 'forced' };
  const { cc, supervisor, handlers } = session;
  const attached = new Set((choices.attach ?? Object.values(project.services).filter((s) => s.attach !== false).map((s) => s.name)).filter((s) => !(choices.noAttach ?? []).includes(s)));
  const abort = choices.abortOnContainerExit === true || choices.exitCodeFrom !== undefined;
  let finish: (code: number) => void = () => undefined;
  const ended = new Promise<number>((resolve) => { finish = resolve; });
  let stopping: 'no' | 'graceful' | 'forced' = 'no';
  let stops: Plan | undefined;
  const stop = async (code: number): Promise<void> => {
    stopping = 'graceful';
    stops = await stopPlan(cc, project, choices.timeout);
    await executePlan(stops, handlers).catch(() => undefined);
    finish(code);
  };
  const follower = followLogs(cc.roots, project.name, attached, {
    line: listener.line,
    exited: (event) => {
      listener.exited(event);
      if (abort && stopping === 'no' && (choices.exitCodeFrom === undefined || choices.exitCodeFrom === event.service)) void stop(event.code);
    },
  });
  const watcher = setInterval(() => { if (stopping === 'no' && allEnded(result)) finish(0); }, 300);
  const done = ended.then(async (code) => {
    clearInterval(watcher);
    follower.stop();
    await supervisor.hosted?.shutdown();
    return code;
  });
  return {
    done,
    interrupt: () => {
      if (stopping === 'no') {
        void stop(130);
        return 'graceful';
      }
      stopping = 'forced';
      if (stops !== undefined) killPlan(cc, stops);
      return 'forced';
    },
  };
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

