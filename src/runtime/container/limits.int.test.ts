import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from './test-support/runtime-harness.js';

describe.skipIf(process.getuid?.() !== 0)('cgroup limits enforced on real containers (needs root)', () => {
  let h: Harness;
  beforeAll(() => { h = makeHarness('lim'); });
  afterAll(async () => { await h?.cleanup(); });

  it('kills a memory hog and reports it as OOM-killed', async () => {
    const config = h.config(['sh', '-c', 'x=aaaaaaaaaaaaaaaa; while true; do x=$x$x; done'], { limits: { memory: 16 * 1024 * 1024, memorySwap: 16 * 1024 * 1024, pids: 16 } });
    const run = await h.runToEnd(config);
    expect(run.code).toBe(137);
    expect(run.oomKilled).toBe(true);
  });

  it('stops a fork bomb at the pids limit', async () => {
    const { runContainer } = await import('./run.js');
    const { deleteContainer } = await import('./delete.js');
    const config = h.config(['sh', '-c', 'while true; do sleep 5 & done'], { limits: { pids: 10 } });
    await runContainer(h.ctx, config, { stdio: 'ignore', foreground: false, remove: false });
    await new Promise((r) => setTimeout(r, 300));
    const dir = `/sys/fs/cgroup/pids/berth/${config.cgroupName}`;
    expect(Number(readFileSync(`${dir}/pids.current`, 'utf8'))).toBeLessThanOrEqual(10);
    expect(readFileSync(`${dir}/pids.events`, 'utf8')).toMatch(/^max [1-9]/);
    await deleteContainer(h.ctx, config.id, { force: true });
  });
});
