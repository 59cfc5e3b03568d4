/**
 * A DAG as diagram text: Mermaid (`flowchart`) or Graphviz DOT. Edges point from a node to what it depends
 * on, in graph order, each with an optional label; node ids are quoted or escaped so any name is safe.
 */
import type { Dag } from './dag.js';

/** A label for the edge `from → to`, or undefined for none. */
export type EdgeLabel = (from: string, to: string) => string | undefined;

/** The graph as a Mermaid flowchart. */
export function toMermaid(dag: Dag, label: EdgeLabel = () => undefined): string {
  const ids = new Map(dag.nodes.map((n, i) => [n, `n${i}`]));
  const lines = ['flowchart TD', ...dag.nodes.map((n) => `  ${ids.get(n)}["${mermaidText(n)}"]`)];
  for (const from of dag.nodes) {
    for (const to of dag.dependencies.get(from) ?? []) {
      const text = label(from, to);
      lines.push(`  ${ids.get(from)} -->${text === undefined ? '' : `|${mermaidText(text)}|`} ${ids.get(to)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The graph as a DOT digraph named `name`. */
export function toDot(name: string, dag: Dag, label: EdgeLabel = () => undefined): string {
  const lines = [`digraph ${dotId(name)} {`, ...dag.nodes.map((n) => `  ${dotId(n)};`)];
  for (const from of dag.nodes) {
    for (const to of dag.dependencies.get(from) ?? []) {
      const text = label(from, to);
      lines.push(`  ${dotId(from)} -> ${dotId(to)}${text === undefined ? '' : ` [label=${dotId(text)}]`};`);
    }
  }
  return `${lines.join('\n')}\n}\n`;
}

function mermaidText(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/\|/g, '#124;');
}

function dotId(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
