/** The graph layer: a generic dependency DAG with cycle paths, start levels and a bounded-concurrency walk. */
export { closureOf, dagOf, dependentsOf, findCycle, reversed, startLevels } from './dag.js';
export type { Dag } from './dag.js';
export { walkDag } from './walk.js';
export type { WalkOptions } from './walk.js';
export { toDot, toMermaid, type EdgeLabel } from './graph-text.js';
