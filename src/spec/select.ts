/**
 * Restricting a project to the services named on the command line, with everything they depend on
 * (transitively), as `config web` and `up web` do.
 */
import { closureOf, dagOf } from '../graph/index.js';
import type { Project } from './model.js';

/** The project restricted to the named services and their dependencies (all services when none named). */
export function selectServices(project: Project, names: readonly string[]): Project {
  if (names.length === 0) return project;
  const dag = dagOf(Object.fromEntries(Object.values(project.services).map((s) => [s.name, Object.keys(s.depends_on ?? {})])));
  const keep = new Set(closureOf(dag, names).nodes);
  return { ...project, services: Object.fromEntries(Object.entries(project.services).filter(([n]) => keep.has(n))) };
}
