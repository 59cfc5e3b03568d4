/**
 * The executor as pure control flow, with in-memory handler tables: dependency order, bounded parallelism,
 * rollback in reverse on the first failure, tolerated optional waits, cancellation, and the error it throws.
 */
import { describe, expect, it } from 'vitest';
import { BerthError } from '../errors/index.js';
import { reconcile, type Op, type OpKind, type Plan } from '../plan/index.js';
import { loadProject } from '../spec/index.js';
import type { ApplyEvent } from './apply-events.js';
import { executePlan } from './execute-plan.js';
import { failingAt } from './fault-injection.js';
import type { OpHandlers } from './op-handlers.js';

const KINDS: OpKind[] = ['ensure-image', 'create-network', 'create-volume', 'create-container', 'start-container', 'wait-dependency', 'stop-container', 'remove-container', 'remove-network', 'remove-volume', 'remove-image'];

/** A handler table that logs `kind id` and takes `delay` ms per op. */
function recorder(delay = 2, failures: Record<string, Error> = {}) {
  const log: string[] = [];
  let running = 0;
  let peak = 0;
  const handler = async (op: Op): Promise<void> => {
    running += 1;
    peak = Math.max(peak, running);
    await new Promise((r) => setTimeout(r, delay));
    running -= 1;
    if (failures[op.id] !== undefined) throw failures[op.id];
    log.push(`${op.kind} ${op.id}`);
  };
  const handlers = Object.fromEntries(KINDS.map((k) => [k, handler])) as unknown as OpHandlers;
  return { handlers, log, peak: () => peak };
}

function op(id: string, kind: OpKind, dependsOn: string[] = [], extra: Partial<Op> = {}): Op {
  const undo = ({ 'create-container': 'remove-container', 'start-container': 'stop-container', 'create-network': 'remove-network' } as Record<string, OpKind>)[kind] ?? 'none';
  return { id, kind, resource: `service:${id}`, dependsOn, cause: 'not found', undo, service: id.split('-')[0]!, ...extra };
}

function planOf(ops: Op[]): Plan {
  return { project: 'demo', ops, warnings: [], upToDate: 0 };
}

describe('executePlan', () => {
  it('runs each op after its dependencies', async () => {
    const { handlers, log } = recorder();
    await executePlan(planOf([op('web-start', 'start-container', ['web-create', 'db-start']), op('web-create', 'create-container'), op('db-start', 'start-container', ['db-create']), op('db-create', 'create-container')]), handlers);
    expect(log.indexOf('start-container web-start')).toBe(3);
    expect(log.indexOf('create-container db-create')).toBeLessThan(log.indexOf('start-container db-start'));
  });

  it('runs independent ops in parallel, up to the concurrency bound', async () => {
    const ops = Array.from({ length: 6 }, (_, i) => op(`s${i}-create`, 'create-container'));
    const wide = recorder(10);
    await executePlan(planOf(ops), wide.handlers);
    expect(wide.peak()).toBe(6);
    const narrow = recorder(10);
    await executePlan(planOf(ops), narrow.handlers, { concurrency: 2 });
    expect(narrow.peak()).toBe(2);
  });

  it('without rollback, undoes nothing and still runs every op not depending on the failed one', async () => {
    const { handlers, log } = recorder(2, { 'web-stop': new Error('stop failed') });
    const ops = [op('web-stop', 'stop-container'), op('web-remove', 'remove-container', ['web-stop']), op('db-stop', 'stop-container', [], { undo: 'start-container' }), op('db-remove', 'remove-container', ['db-stop'])];
    await expect(executePlan(planOf(ops), handlers, { rollback: false, concurrency: 1 })).rejects.toThrow('stop failed');
    expect(log).toEqual(['stop-container db-stop', 'remove-container db-remove']);
  });

  it('stops at the first failure, undoes the finished steps in reverse and names the service', async () => {
    const cause = new BerthError('not-found', 'image.not-found', 'image nope not found', { hint: 'check the image name' });
    const { handlers, log } = recorder(2, { 'web-create': cause });
    const events: ApplyEvent[] = [];
    const plan = planOf([op('net', 'create-network'), op('db-create', 'create-container', ['net']), op('db-start', 'start-container', ['db-create']), op('web-create', 'create-container', ['db-start']), op('web-start', 'start-container', ['web-create'])]);
    const error = await executePlan(plan, handlers, { onEvent: (e) => events.push(e) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BerthError);
    expect(error).toMatchObject({ code: 'image.not-found', errorClass: 'not-found', message: 'service web: create-container failed: image nope not found', hint: 'check the image name', cause });
    expect(log).toEqual([
      'create-network net', 'create-container db-create', 'start-container db-start',
      'stop-container undo:db-start', 'remove-container undo:db-create', 'remove-network undo:net',
    ]);
    expect(events.filter((e) => e.type !== 'started').map((e) => `${e.type} ${e.op.id}`)).toEqual([
      'finished net', 'finished db-create', 'finished db-start', 'failed web-create', 'undone undo:db-start', 'undone undo:db-create', 'undone undo:net',
    ]);
  });

  it('waits for running ops before rolling back, and starts no new one', async () => {
    const { handlers, log } = recorder(5, { 'a-create': new Error('disk full') });
    const plan = planOf([op('a-create', 'create-container'), op('b-create', 'create-container'), op('b-start', 'start-container', ['b-create'])]);
    await expect(executePlan(plan, handlers)).rejects.toThrow('service a: create-container failed: disk full');
    expect(log).toEqual(['create-container b-create', 'remove-container undo:b-create']);
  });

  it('tolerates a failed wait on a required: false dependency', async () => {
    const { handlers, log } = recorder(1, { 'web-wait': new Error('metrics is unhealthy') });
    const events: ApplyEvent[] = [];
    const wait = op('web-wait', 'wait-dependency', [], { dependency: { service: 'metrics', condition: 'service_healthy', required: false } });
    await executePlan(planOf([wait, op('web-start', 'start-container', ['web-wait'])]), handlers, { onEvent: (e) => events.push(e) });
    expect(log).toEqual(['start-container web-start']);
    expect(events.map((e) => e.type)).toContain('tolerated');
  });

  it('fails on a required wait, with the probe output kept in the cause', async () => {
    const { handlers } = recorder(1, { 'web-wait': new BerthError('precondition', 'dependency.unhealthy', 'container demo-db-1 is unhealthy', { details: ['last probe: connection refused'] }) });
    const wait = op('web-wait', 'wait-dependency', [], { dependency: { service: 'db', condition: 'service_healthy', required: true } });
    const error = await executePlan(planOf([wait]), handlers).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'dependency.unhealthy', message: 'service web: wait-dependency db service_healthy failed: container demo-db-1 is unhealthy', details: ['last probe: connection refused'] });
  });

  it('rolls back and reports cancellation when aborted', async () => {
    const controller = new AbortController();
    const { handlers, log } = recorder(5);
    const plan = planOf([op('a-create', 'create-container'), op('a-start', 'start-container', ['a-create'])]);
    setTimeout(() => controller.abort(), 1);
    await expect(executePlan(plan, handlers, { signal: controller.signal })).rejects.toMatchObject({ code: 'apply.cancelled' });
    expect(log).toEqual(['create-container a-create', 'remove-container undo:a-create']);
  });

  it('lists undos that failed too in the error details', async () => {
    const { handlers } = recorder(1, { 'b-create': new Error('no space'), 'undo:a-create': new Error('busy') });
    const error = await executePlan(planOf([op('a-create', 'create-container'), op('b-create', 'create-container', ['a-create'])]), handlers).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'apply.failed', details: ['rollback: remove-container service:a-create failed too: busy'] });
  });

  it('rolls back a real plan at an injected fault', async () => {
    const compose = 'name: demo\nservices: {web: {image: busybox, depends_on: [db]}, db: {image: busybox}}';
    const project = loadProject({ workingDir: '/p', files: [], env: {}, envFiles: [], profiles: [], services: [], readText: (p) => (p === '/p/compose.yaml' ? compose : undefined), exists: (p) => p === '/p/compose.yaml' }).project!;
    const plan = reconcile(project, { containers: [], networks: [], volumes: [], images: { busybox: 'sha256:b' } });
    const { handlers, log } = recorder(1);
    await expect(executePlan(plan, failingAt(handlers, 'start-container:service:web:1'))).rejects.toMatchObject({ code: 'apply.injected-fault', message: 'service web: start-container demo-web-1 failed: injected fault at start-container:service:web:1' });
    expect(log.filter((l) => l.includes('undo:')).sort()).toEqual([
      'remove-container undo:create-container:service:db:1', 'remove-container undo:create-container:service:web:1',
      'remove-network undo:create-network:network:default', 'stop-container undo:start-container:service:db:1',
    ]);
    expect(log.at(-1)).toBe('remove-network undo:create-network:network:default');
  });
});
