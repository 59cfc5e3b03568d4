import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContainer } from './run.js';
import { makeHarness, type Harness } from './test-support/runtime-harness.js';

describe.skipIf(process.getuid?.() !== 0)('runContainer (needs root: real namespaces, mounts, cgroups)', () => {
  let h: Harness;
  beforeAll(() => { h = makeHarness('run'); });
  afterAll(async () => { await h?.cleanup(); });

  it('runs a command in the foreground and returns its exit code', async () => {
    const result = await runContainer(h.ctx, h.config(['sh', '-c', 'exit 7']), { stdio: 'ignore', foreground: true, remove: true });
    expect(result.exit?.code).toBe(7);
  });
});
