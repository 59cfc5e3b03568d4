/**
 * A directed graph of named nodes where an edge points from a node to one it depends on (`web → db`).
 * Generic and pure: services, plan operations or anything else with dependencies. Edges to nodes outside
 * the graph are ignored; callers check for unknown names first.
 */

/** A dependency graph: every node and, for each, the nodes it depends on. */
export interface Dag {
  readonly nodes: readonly string[];
  readonly dependencies: ReadonlyMap<string, readonly string[]>;
}

/** Builds a graph from a record of node → dependencies (nodes kept in the record's order). */
export function dagOf(record: Readonly<Record<string, readonly string[]>>): Dag {
  const nodes = Object.keys(record);
  const known = new Set(nodes);
  const dependencies = new Map(nodes.map((n) => [n, (record[n] ?? []).filter((d) => known.has(d))]));
  return { nodes, dependencies };
}

/** The nodes that depend directly on `node`. */
export function dependentsOf(dag: Dag, node: string): string[] {
  return dag.nodes.filter((n) => dag.dependencies.get(n)?.includes(node));
}

/**
 * The first cycle found, as the path that closes it (`['web', 'api', 'db', 'web']`), or undefined.
 * A node depending on itself is the cycle `['web', 'web']`. Nodes are visited in graph order, so the
 * answer is deterministic.
 */
export function findCycle(dag: Dag): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const dep of dag.dependencies.get(node) ?? []) {
      const cycle = visit(dep);
      if (cycle !== undefined) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of dag.nodes) {
    const cycle = visit(node);
    if (cycle !== undefined) return cycle;
  }
  return undefined;
}

/**
 * Start levels: level 0 holds the nodes with no dependencies, level n the nodes whose dependencies are all
 * in earlier levels. Throws on a cycle (check with findCycle first).
 */
export function startLevels(dag: Dag): string[][] {
  const level = new Map<string, number>();
  const depth = (node: string, seen: Set<string>): number => {
    const known = level.get(node);
    if (known !== undefined) return known;
    if (seen.has(node)) throw new Error(`dependency cycle through ${node}`);
    seen.add(node);
    const deps = dag.dependencies.get(node) ?? [];
    const value = deps.length === 0 ? 0 : 1 + Math.max(...deps.map((d) => depth(d, seen)));
    seen.delete(node);
    level.set(node, value);
    return value;
  };
  const levels: string[][] = [];
  for (const node of dag.nodes) {
    const l = depth(node, new Set());
    (levels[l] ??= []).push(node);
  }
  return levels.map((l) => l ?? []);
}

/** The graph restricted to `roots` and everything they depend on, transitively. */
export function closureOf(dag: Dag, roots: readonly string[]): Dag {
  const keep = new Set<string>();
  const add = (node: string): void => {
    if (keep.has(node)) return;
    keep.add(node);
    for (const dep of dag.dependencies.get(node) ?? []) add(dep);
  };
  roots.forEach(add);
  const nodes = dag.nodes.filter((n) => keep.has(n));
  return { nodes, dependencies: new Map(nodes.map((n) => [n, dag.dependencies.get(n) ?? []])) };
}

/** The graph with every edge turned round (for teardown: dependents before their dependencies). */
export function reversed(dag: Dag): Dag {
  return { nodes: [...dag.nodes], dependencies: new Map(dag.nodes.map((n) => [n, dependentsOf(dag, n)])) };
}
