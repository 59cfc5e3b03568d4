/**
 * Stopping a project without removing anything (Ctrl-C in attached `up`): the stop ops of planDown,
 * in the same reverse dependency order, for the executor to run; a second interrupt kills what is left.
 */
import { planDown, type Plan } from '../../plan/index.js';
import { killContainer } from '../../runtime/container/index.js';
import type { Project } from '../../spec/model.js';
import type { ComposeContext } from './compose-context.js';
import { observeState } from './project-containers.js';

/** The stop-only part of the project's down plan, for its running containers. */
export async function stopPlan(cc: ComposeContext, project: Project, timeout: number | undefined): Promise<Plan> {
  const observed = await observeState(cc.roots, project);
  const running = { ...observed, containers: observed.containers.filter((c) => c.status === 'running'), networks: [], volumes: [] };
  const down = planDown(project, running, timeout === undefined ? {} : { timeout });
  const stops = down.ops.filter((op) => op.kind === 'stop-container');
  const ids = new Set(stops.map((op) => op.id));
  return { ...down, warnings: [], ops: stops.map((op) => ({ ...op, dependsOn: op.dependsOn.filter((d) => ids.has(d)) })) };
}

/** Kills every container of the plan at once (the second Ctrl-C). */
export function killPlan(cc: ComposeContext, plan: Plan): void {
  for (const op of plan.ops) if (op.containerId !== undefined) killContainer(cc.runtime, op.containerId, 'SIGKILL');
}
