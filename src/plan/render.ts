/**
 * A plan as text: what `up --dry-run` and `down --dry-run` print and what the golden files hold. Warnings
 * come first, then one line per op (kind, resource, object, cause), grouped by level: the ops of a level
 * depend only on earlier levels, so each level's ops may run in parallel. An empty plan says so.
 */
import { dagOf, startLevels } from '../graph/index.js';
import type { Op, Plan } from './plan-types.js';

/** The plan's ops grouped by level (level 0 first), each level in plan order. */
export function planLevels(plan: Plan): Op[][] {
  const byId = new Map(plan.ops.map((op) => [op.id, op]));
  const levels = startLevels(dagOf(Object.fromEntries(plan.ops.map((op) => [op.id, op.dependsOn]))));
  return levels.map((ids) => ids.map((id) => byId.get(id)!));
}

/** The text of a plan, ending with a newline. */
export function renderPlan(plan: Plan): string {
  const lines = plan.warnings.map((w) => `warning: ${w.message}`);
  if (plan.ops.length === 0) {
    lines.push(plan.upToDate === 0 ? 'nothing to do' : `nothing to do: ${upToDate(plan.upToDate)}`);
    return `${lines.join('\n')}\n`;
  }
  const levels = planLevels(plan);
  lines.push(`plan for project ${plan.project}: ${plan.ops.length} ${plan.ops.length === 1 ? 'operation' : 'operations'} in ${levels.length} ${levels.length === 1 ? 'level' : 'levels'}`);
  const width = (f: (op: Op) => string): number => Math.max(...plan.ops.map((op) => f(op).length));
  const resourceWidth = width((op) => op.resource);
  const objectWidth = width(objectOf);
  levels.forEach((ops, i) => {
    lines.push(`level ${i + 1}`);
    for (const op of ops) lines.push(`  ${op.kind.padEnd(16)} ${op.resource.padEnd(resourceWidth)}  ${objectOf(op).padEnd(objectWidth)}  (${op.cause})`.trimEnd());
  });
  if (plan.upToDate > 0) lines.push(upToDate(plan.upToDate));
  return `${lines.join('\n')}\n`;
}

function upToDate(count: number): string {
  return `${count} ${count === 1 ? 'container' : 'containers'} up to date`;
}

/** The object an op acts on, in words: a container or resource name, an image, a dependency. */
export function objectOf(op: Op): string {
  if (op.dependency !== undefined) {
    const { service, condition, required } = op.dependency;
    return `${service} ${condition}${required ? '' : ' (required: false)'}`;
  }
  if (op.kind === 'stop-container') return `${op.containerName ?? ''} ${op.stopSignal ?? 'SIGTERM'} ${op.timeout ?? 10}s`;
  return op.containerName ?? op.name ?? op.image ?? '';
}
