/** The generic DAG: cycle paths, start levels, closures and the bounded-concurrency walk. */
import { describe, expect, it } from 'vitest';
import { closureOf, dagOf, findCycle, reversed, startLevels, walkDag } from './index.js';

describe('findCycle', () => {
  it('returns the path that closes a cycle, starting where the search entered it', () => {
    expect(findCycle(dagOf({ web: ['api'], api: ['db'], db: ['web'] }))).toEqual(['web', 'api', 'db', 'web']);
    expect(findCycle(dagOf({ app: ['app'] }))).toEqual(['app', 'app']);
    expect(findCycle(dagOf({ a: ['b'], b: ['c'], c: ['b'] }))).toEqual(['b', 'c', 'b']);
  });

  it('finds none in a DAG and ignores edges to unknown nodes', () => {
    expect(findCycle(dagOf({ a: ['b', 'c'], b: ['c'], c: [], d: ['zzz'] }))).toBeUndefined();
  });
});

describe('startLevels', () => {
  it('puts each node one level after its deepest dependency', () => {
    expect(startLevels(dagOf({ web: ['api', 'cache'], api: ['db'], db: [], cache: [] }))).toEqual([['db', 'cache'], ['api'], ['web']]);
  });

  it('throws on a cycle', () => {
    expect(() => startLevels(dagOf({ a: ['b'], b: ['a'] }))).toThrow('cycle');
  });
});

describe('closureOf and reversed', () => {
  it('keeps the roots and everything they depend on', () => {
    const dag = dagOf({ web: ['api'], api: ['db'], db: [], other: [] });
    expect(closureOf(dag, ['api']).nodes).toEqual(['api', 'db']);
    expect(reversed(dag).dependencies.get('db')).toEqual(['api']);
  });
});

describe('walkDag', () => {
  const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  it('visits dependencies first and never exceeds the concurrency', async () => {
    const dag = dagOf({ web: ['api', 'cache'], api: ['db'], db: [], cache: [], worker: ['db'] });
    const order: string[] = [];
    let running = 0;
    let peak = 0;
    await walkDag(dag, async (node) => {
      running += 1;
      peak = Math.max(peak, running);
      await tick();
      order.push(node);
      running -= 1;
    }, { concurrency: 2 });
    expect(peak).toBeLessThanOrEqual(2);
    expect(order.indexOf('db')).toBeLessThan(order.indexOf('api'));
    expect(order.indexOf('api')).toBeLessThan(order.indexOf('web'));
    expect(order.indexOf('cache')).toBeLessThan(order.indexOf('web'));
    expect(order).toHaveLength(5);
  });

  it('stops starting nodes after a failure and rejects with it', async () => {
    const visited: string[] = [];
    const run = walkDag(dagOf({ a: [], b: ['a'], c: [] }), async (node) => {
      visited.push(node);
      await tick();
      if (node === 'a') throw new Error('a failed');
    }, { concurrency: 1 });
    await expect(run).rejects.toThrow('a failed');
    expect(visited).not.toContain('b');
  });

  it('with keepGoing, still visits every node not depending on a failed one, then rejects with the first failure', async () => {
    const visited: string[] = [];
    const run = walkDag(dagOf({ a: [], b: ['a'], c: [], d: ['c'], e: ['d'] }), async (node) => {
      visited.push(node);
      await tick();
      if (node === 'a' || node === 'd') throw new Error(`${node} failed`);
    }, { concurrency: 1, keepGoing: true });
    await expect(run).rejects.toThrow('a failed');
    expect(visited.sort()).toEqual(['a', 'c', 'd']);
  });

  it('runs independent nodes in parallel when unbounded', async () => {
    let peak = 0;
    let running = 0;
    await walkDag(dagOf({ a: [], b: [], c: [] }), async () => {
      running += 1;
      peak = Math.max(peak, running);
      await tick();
      running -= 1;
    });
    expect(peak).toBe(3);
  });
});
