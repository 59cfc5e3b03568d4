/**
 * `berth graph`: the project's depends_on graph as Mermaid or DOT text, each edge labelled with its
 * condition (and `optional` when `required: false`). Pure over the loaded project: no container needed.
 */
import { BerthError } from '../errors/index.js';
import { dagOf, toDot, toMermaid } from '../graph/index.js';
import type { Project } from '../spec/model.js';
import { loadProjectFromOptions, type ProjectOptions } from './project-loader.js';

/** The text formats `graph` writes. */
export type GraphFormat = 'mermaid' | 'dot';

/** The dependency graph of the project the options name. */
export function graph(projectOptions: ProjectOptions, format: string): string {
  if (format !== 'mermaid' && format !== 'dot') {
    throw new BerthError('invalid', 'graph.bad-format', `graph format ${format} is not known`, { hint: 'use --format mermaid or --format dot' });
  }
  const { project } = loadProjectFromOptions(projectOptions);
  if (project === undefined) throw new BerthError('internal', 'graph.no-project', 'the project could not be loaded', { hint: 'run `berth config` to see why' });
  return graphText(project, format);
}

/** The graph of `project` in `format`. */
export function graphText(project: Project, format: GraphFormat): string {
  const services = Object.values(project.services).sort((a, b) => a.name.localeCompare(b.name));
  const dag = dagOf(Object.fromEntries(services.map((s) => [s.name, Object.keys(s.depends_on ?? {}).sort()])));
  const label = (from: string, to: string): string | undefined => {
    const dependency = project.services[from]?.depends_on?.[to];
    if (dependency === undefined) return undefined;
    return dependency.required === false ? `${dependency.condition}, optional` : dependency.condition;
  };
  return format === 'mermaid' ? toMermaid(dag, label) : toDot(project.name, dag, label);
}
