/**
 * The executor with the real container handlers on the real runtime: a three-service plan comes up and
 * goes down leaving nothing; with a fault injected at the third service's start, the first two containers
 * are rolled back (stopped and removed) and nothing of theirs is left (records, cgroups, mounts, processes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcile, planDown, serviceToContainer, type Op, type OpKind, type Plan } from '../plan/index.js';
import type { Project } from '../spec/model.js';
import { loadProject } from '../spec/index.js';
import { observe } from '../runtime/container/index.js';
import { leftovers } from '../runtime/container/test-support/leftovers.js';
import { makeHarness, type Harness } from '../runtime/container/test-support/runtime-harness.js';
import { containerHandlers } from './container-handlers.js';
import { executePlan } from './execute-plan.js';
import { failingAt } from './fault-injection.js';
import { observedContainers } from './observed-containers.js';
import type { OpHandlers } from './op-handlers.js';

const COMPOSE = `name: plapply
services:
  one: {image: busybox, network_mode: none, stop_signal: SIGKILL}
  two: {image: busybox, network_mode: none, stop_signal: SIGKILL, depends_on: [one]}
  three: {image: busybox, network_mode: none, stop_signal: SIGKILL, depends_on: [two]}
`;
const CGROUP_PARENT = 'pl-test-apply';

describe.skipIf(process.getuid?.() !== 0)('container handlers on the real runtime (needs root)', () => {
  let harness: Harness;
  let project: Project;
  let handlers: OpHandlers;

  beforeAll(() => {
    harness = makeHarness('apply', 'pl');
    project = loadProject({ workingDir: '/p', files: [], env: {}, envFiles: [], profiles: [], services: [], readText: (p) => (p === '/p/compose.yaml' ? COMPOSE : undefined), exists: (p) => p === '/p/compose.yaml' }).project!;
    const noop = async (): Promise<void> => undefined;
    const real = containerHandlers({
      ctx: harness.ctx,
      configFor: (op: Op) => serviceToContainer(project, project.services[op.service!]!, op.number!, {
        id: op.containerId!, image: { cmd: ['sleep', '1000'], env: ['PATH=/bin'] }, imageId: 'sha256:busybox', lowers: [harness.rootfs],
        network: { mode: 'none' }, volumeDirs: {}, anonymousVolumeDirs: {}, volumesFrom: [], fileSources: {}, cgroupParent: CGROUP_PARENT,
      }).config,
    });
    const kinds: OpKind[] = ['ensure-image', 'create-network', 'create-volume', 'wait-dependency', 'remove-network', 'remove-volume', 'remove-image'];
    handlers = { ...Object.fromEntries(kinds.map((k) => [k, noop])), ...real } as OpHandlers;
  });

  afterAll(async () => {
    await harness.cleanup();
  });

  const observed = () => ({ containers: observedContainers(observe(harness.ctx.roots)), networks: [], volumes: [], images: { busybox: 'sha256:busybox' } });
  const leftoversOf = (plan: Plan) => plan.ops.filter((op) => op.kind === 'create-container').flatMap((op) => leftovers(harness.ctx, op.containerId!, `${CGROUP_PARENT}/${op.containerId}`));

  it('brings the project up, finds it up to date, and takes it down leaving nothing', async () => {
    const up = reconcile(project, observed());
    await executePlan(up, handlers);
    expect(observe(harness.ctx.roots).map((c) => `${c.name} ${c.status}`).sort()).toEqual(['plapply-one-1 running', 'plapply-three-1 running', 'plapply-two-1 running']);
    expect(reconcile(project, observed()).ops).toEqual([]);
    await executePlan(planDown(project, observed()), handlers);
    expect(observe(harness.ctx.roots)).toEqual([]);
    expect(leftoversOf(up)).toEqual([]);
  });

  it('rolls back the first two containers when the third fails to start', async () => {
    const up = reconcile(project, observed());
    const error = await executePlan(up, failingAt(handlers, 'start-container:service:three:1')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'apply.injected-fault', message: 'service three: start-container plapply-three-1 failed: injected fault at start-container:service:three:1' });
    expect(observe(harness.ctx.roots)).toEqual([]);
    expect(leftoversOf(up)).toEqual([]);
  });
});
