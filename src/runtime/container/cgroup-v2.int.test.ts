import { existsSync, readFileSync, rmdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cgroupV2Driver } from '../cgroup/index.js';
import type { RuntimeContext } from './runtime-context.js';
import { deleteContainer } from './delete.js';
import { runContainer } from './run.js';
import { makeHarness, type Harness } from './test-support/runtime-harness.js';

const UNIFIED = '/sys/fs/cgroup/unified';
const hasUnified = existsSync(`${UNIFIED}/cgroup.procs`);

describe.skipIf(process.getuid?.() !== 0 || !hasUnified)('a container on a cgroup v2 hierarchy (needs root and the hybrid unified mount)', () => {
  let h: Harness;
  let ctx: RuntimeContext;
  beforeAll(() => {
    h = makeHarness('v2');
    ctx = { ...h.ctx, cgroups: cgroupV2Driver(UNIFIED) };
  });
  afterAll(async () => {
    for (const name of ctx?.cgroups.list('rt-test-v2/') ?? []) ctx.cgroups.open(name)?.destroy();
    try { rmdirSync(`${UNIFIED}/berth/rt-test-v2`); } catch { /* never made */ }
    await h?.cleanup();
  });

  it('starts the process inside its v2 group (clone3 CLONE_INTO_CGROUP) and removes the group', async () => {
    const config = h.config(['sleep', '30'], { limits: {} });
    const { record } = await runContainer(ctx, config, { stdio: 'ignore', foreground: false, remove: false });
    const line = readFileSync(`/proc/${record.pid}/cgroup`, 'utf8').split('\n').find((l) => l.startsWith('0::'));
    expect(line).toBe(`0::/berth/${config.cgroupName}`);
    await deleteContainer(ctx, config.id, { force: true });
    expect(existsSync(`${UNIFIED}/berth/${config.cgroupName}`)).toBe(false);
  });
});
