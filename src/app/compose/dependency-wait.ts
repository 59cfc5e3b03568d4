/**
 * The wait-dependency step: polls the dependency's containers until the condition holds. Health comes
 * from the supervisor's health.json through currentHealth(), which ignores a status written for an
 * earlier run; `unhealthy` fails at once with the probe's last output, as does a container that exits
 * when it should have stayed up or exits non-zero when it should have completed (with its last lines).
 */
import { BerthError } from '../../errors/index.js';
import type { Op } from '../../plan/index.js';
import { containerPaths, observeContainer } from '../../runtime/container/index.js';
import { currentHealth, readSupervision, readSupervisionSpec } from '../../supervisor/index.js';
import type { ComposeContext } from './compose-context.js';
import { readLogTail } from './log-reader.js';
import { projectContainers } from './project-containers.js';

const POLL_MS = 50;

/** Resolves when `op.dependency` holds for every container of the dependency; rejects when it cannot. */
export async function waitDependency(cc: ComposeContext, projectName: string, op: Op, signal: AbortSignal): Promise<void> {
  const dependency = op.dependency;
  if (dependency === undefined) return;
  for (;;) {
    if (signal.aborted) throw new BerthError('system', 'apply.cancelled', `waiting for ${dependency.service} was cancelled`, { hint: 'run the command again' });
    const ids = projectContainers(cc.roots, projectName).filter((c) => c.service === dependency.service && !c.oneoff).map((c) => c.id);
    if (ids.length === 0) throw noContainer(dependency.service);
    if (dependency.condition === 'service_healthy') requireHealthchecks(cc, projectName, dependency.service, ids);
    const states = ids.map((id) => conditionState(cc, id, dependency.condition));
    if (states.every((s) => s === 'met')) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

type State = 'met' | 'pending';

function conditionState(cc: ComposeContext, id: string, condition: NonNullable<Op['dependency']>['condition']): State {
  const c = observeContainer(cc.roots, id);
  if (c === undefined) throw noContainer(id);
  if (condition === 'service_started') return c.status === 'running' || c.status === 'exited' ? 'met' : 'pending';
  if (condition === 'service_completed_successfully') {
    if (c.exit === undefined) return 'pending';
    if (c.exit.code === 0) return 'met';
    throw new BerthError('precondition', 'dependency.failed', `container ${c.name} exited with code ${c.exit.code}`, {
      hint: 'fix the service (its last output is above), then run `berth up` again', details: lastOutput(cc, id),
    });
  }
  if (c.exit !== undefined) {
    throw new BerthError('precondition', 'dependency.exited', `container ${c.name} exited with code ${c.exit.code} before it was healthy`, {
      hint: 'fix the service (its last output is above), then run `berth up` again', details: lastOutput(cc, id),
    });
  }
  const health = currentHealth(cc.roots, id);
  if (health?.status === 'healthy') return 'met';
  if (health?.status === 'unhealthy') {
    const output = health.log.at(-1)?.output.trim() ?? '';
    throw new BerthError('precondition', 'dependency.unhealthy', `container ${c.name} is unhealthy${output === '' ? '' : `: ${output}`}`, {
      hint: 'fix the service or its healthcheck, then run `berth up` again',
      details: health.log.map((p) => `probe exit ${p.exitCode}${p.output.trim() === '' ? '' : `: ${p.output.trim()}`}`),
    });
  }
  return 'pending';
}

/** The failed container's last lines, shown with the error: a failed up's rollback removes the container and its log. */
function lastOutput(cc: ComposeContext, id: string): string[] {
  const lines = readLogTail(containerPaths(cc.roots, id).log, OUTPUT_LINES).map((e) => `| ${e.text}`);
  return lines.length === 0 ? ['(it printed nothing)'] : lines;
}

const OUTPUT_LINES = 10;

/** Which services of the project have a health check, from the supervision spec `up` wrote. */
export function healthchecked(cc: ComposeContext, projectName: string): Set<string> {
  return new Set(readSupervisionSpec(cc.roots, projectName).containers.filter((c) => c.healthcheck !== null).map((c) => c.service));
}

function requireHealthchecks(cc: ComposeContext, projectName: string, service: string, ids: readonly string[]): void {
  const spec = readSupervisionSpec(cc.roots, projectName).containers.filter((c) => ids.includes(c.id));
  if (spec.length === ids.length && spec.every((c) => c.healthcheck === null)) {
    throw new BerthError('precondition', 'dependency.no-healthcheck', `service ${service} has no healthcheck, so it can never be healthy`, {
      hint: `give service ${service} a healthcheck, or depend on it with condition: service_started`,
    });
  }
}

function noContainer(what: string): BerthError {
  return new BerthError('not-found', 'dependency.no-container', `dependency ${what} has no container`, { hint: 'run `berth up` without --no-deps' });
}

/** What `up --wait` waits for in a service: running, healthy (it has a health check), or completed (a dependent waits for that). */
export type Readiness = 'running' | 'healthy' | 'completed';

/**
 * `up --wait`, as Compose does it: every container of `services` running (healthy when it has a health
 * check, exited 0 when a dependent waits for it to complete); a container that exits otherwise fails the
 * wait with its last output, unless its restart policy is about to start it again. Bounded by `timeoutMs`.
 */
export async function waitForServices(cc: ComposeContext, projectName: string, services: ReadonlyMap<string, Readiness>, timeoutMs: number | undefined, signal: AbortSignal): Promise<void> {
  const deadline = timeoutMs === undefined ? Infinity : Date.now() + timeoutMs;
  const pending = new Map(services);
  while (pending.size > 0) {
    for (const [service, readiness] of [...pending]) {
      const ids = projectContainers(cc.roots, projectName).filter((c) => c.service === service && !c.oneoff).map((c) => c.id);
      if (ids.every((id) => readyState(cc, id, readiness) === 'met')) pending.delete(service);
    }
    if (pending.size === 0) return;
    if (signal.aborted) throw new BerthError('system', 'apply.cancelled', `waiting for project ${projectName} was cancelled`, { hint: 'run the command again' });
    if (Date.now() > deadline) {
      throw new BerthError('system', 'up.wait-timeout', `services ${[...pending.keys()].join(', ')} of project ${projectName} were not ready within ${timeoutMs} ms`, {
        hint: 'see `berth ps` and the containers\' logs; raise --wait-timeout if they are only slow',
      });
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function readyState(cc: ComposeContext, id: string, readiness: Readiness): State {
  const c = observeContainer(cc.roots, id);
  if (c === undefined) throw noContainer(id);
  if (c.exit === undefined || c.status === 'running') return readiness === 'completed' ? 'pending' : conditionState(cc, id, readiness === 'healthy' ? 'service_healthy' : 'service_started');
  if (readiness === 'completed') return conditionState(cc, id, 'service_completed_successfully');
  if (readSupervision(cc.roots, id).restartAt !== undefined) return 'pending';
  throw new BerthError('precondition', 'up.wait-exited', `container ${c.name} exited with code ${c.exit.code}`, {
    hint: 'fix the service (its last output is above), then run `berth up --wait` again', details: lastOutput(cc, id),
  });
}
