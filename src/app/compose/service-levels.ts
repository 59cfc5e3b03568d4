/**
 * Containers grouped by their service's depends_on start level, so lifecycle verbs start dependencies
 * first and stop dependents first. Without a compose file (records only) all are one group.
 */
import { dagOf, findCycle, startLevels } from '../../graph/index.js';
import type { Project } from '../../spec/model.js';
import type { ProjectContainer } from './project-containers.js';

/** `containers` in start order (a group's members may act together); reversed for stops. */
export function containerLevels(project: Project | undefined, containers: readonly ProjectContainer[], order: 'start' | 'stop'): ProjectContainer[][] {
  if (project === undefined) return containers.length === 0 ? [] : [[...containers]];
  const dag = dagOf(Object.fromEntries(Object.values(project.services).map((s) => [s.name, Object.keys(s.depends_on ?? {})])));
  const levels = findCycle(dag) === undefined ? startLevels(dag) : [dag.nodes.slice()];
  const levelOf = new Map(levels.flatMap((names, i) => names.map((n): [string, number] => [n, i])));
  const groups: ProjectContainer[][] = [];
  for (const c of containers) (groups[levelOf.get(c.service) ?? levels.length] ??= []).push(c);
  const ordered = groups.filter((g) => g !== undefined);
  return order === 'start' ? ordered : ordered.reverse();
}
