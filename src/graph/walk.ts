/**
 * A bounded-concurrency walk over a Dag: each node is visited once all its dependencies have finished,
 * independent branches run in parallel up to `concurrency`. On the first failure no new node starts
 * (unless `keepGoing`: then every node not depending on a failed one still runs); the walk waits for the
 * running ones and rejects with the first failure. Nodes depending on a failed node never run.
 */
import type { Dag } from './dag.js';

/** Options of a walk. */
export interface WalkOptions {
  /** How many visits may run at once (default: unlimited). */
  concurrency?: number;
  /** After a failure, go on visiting the nodes that do not depend on a failed one (default false). */
  keepGoing?: boolean;
}

/** Visits every node after its dependencies; resolves when all are done. */
export async function walkDag(dag: Dag, visit: (node: string) => Promise<void>, options: WalkOptions = {}): Promise<void> {
  const limit = options.concurrency ?? Number.POSITIVE_INFINITY;
  const done = new Set<string>();
  const started = new Set<string>();
  let running = 0;
  let failure: { error: unknown } | undefined;
  return new Promise<void>((resolve, reject) => {
    const ready = (n: string): boolean => !started.has(n) && (dag.dependencies.get(n) ?? []).every((d) => done.has(d));
    const pump = (): void => {
      if (failure === undefined || options.keepGoing === true) launchReady();
      if (running > 0) return;
      if (failure !== undefined) reject(failure.error);
      else if (done.size === dag.nodes.length) resolve();
      else reject(new Error('the graph has a cycle: some nodes can never start'));
    };
    const launchReady = (): void => {
      for (const node of dag.nodes) {
        if (running >= limit) break;
        if (!ready(node)) continue;
        started.add(node);
        running += 1;
        visit(node).then(
          () => finish(node, undefined),
          (error: unknown) => finish(node, { error }),
        );
      }
    };
    const finish = (node: string, error: { error: unknown } | undefined): void => {
      running -= 1;
      if (error !== undefined) failure ??= error;
      else done.add(node);
      pump();
    };
    pump();
  });
}
