/**
 * Captured and abortable exec on real containers: stdout, stderr and the exit code come back, long output
 * keeps its end, an aborted exec of a shell with a child leaves no process in the container's cgroup, and
 * the helper accepts the lifeline only where it means something (exec); a background process holding the
 * output open does not hold the result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHelper } from '../../sys/helper-client.js';
import { execCaptured } from './exec-capture.js';
import { execInContainer } from './exec.js';
import { runContainer } from './run.js';
import { makeHarness, type Harness } from './test-support/runtime-harness.js';

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
    const value = probe();
    if (value !== undefined) return value;
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(process.getuid?.() !== 0)('captured, abortable exec (needs root: real containers)', () => {
  let h: Harness;
  let id = '';
  let cgroupName = '';
  const groupPids = (): number[] => (h.ctx.cgroups.open(cgroupName)?.pids() ?? []).sort((a, b) => a - b);

  beforeAll(async () => {
    h = makeHarness('cap', 'ex');
    const config = h.config(['sleep', '3600']);
    const withInit = { ...config, process: { ...config.process, init: true } };
    await runContainer(h.ctx, withInit, { stdio: 'ignore', foreground: false, remove: false });
    id = config.id;
    cgroupName = config.cgroupName!;
  });
  afterAll(async () => { await h?.cleanup(); });

  it('returns stdout, stderr, both in order, and the exit code', async () => {
    const run = await execCaptured(h.ctx, id, { args: ['sh', '-c', 'echo out; sleep 0.05; echo err >&2; exit 3'] });
    expect(run).toEqual({ code: 3, stdout: 'out\n', stderr: 'err\n', output: 'out\nerr\n', aborted: false });
  });

  it('keeps only the end of long output', async () => {
    const run = await execCaptured(h.ctx, id, { args: ['sh', '-c', 'i=0; while [ $i -lt 500 ]; do echo line$i; i=$((i+1)); done'], maxOutputBytes: 64 });
    expect(run.code).toBe(0);
    expect(Buffer.byteLength(run.stdout)).toBeLessThanOrEqual(64);
    expect(run.stdout.endsWith('line498\nline499\n')).toBe(true);
    expect(run.output).toBe(run.stdout);
  });

  it('kills an aborted exec with its children: nothing of it is left in the cgroup', async () => {
    const before = groupPids();
    const abort = new AbortController();
    const started = Date.now();
    const done = execCaptured(h.ctx, id, { args: ['sh', '-c', 'echo begun; sleep 30; echo never'], signal: abort.signal });
    await until('the exec and its child in the cgroup', () => (groupPids().length >= before.length + 2 ? true : undefined));
    abort.abort();
    const run = await done;
    expect(run).toMatchObject({ code: 137, signal: 'SIGKILL', aborted: true, stdout: 'begun\n' });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await until('only the container\'s own processes', () => (groupPids().join() === before.join() ? groupPids() : undefined))).toEqual(before);
  });

  it('refuses a signal aborted before the start, and leaves the plain exec as it was', async () => {
    await expect(execCaptured(h.ctx, id, { args: ['true'], signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'container.exec-aborted' });
    expect(await execInContainer(h.ctx, id, { args: ['sh', '-c', 'exit 4'], stdio: 'ignore' })).toBe(4);
  });

  it('has the helper refuse a lifeline outside exec mode', async () => {
    const records = [['id', 'ex-refused'], ['arg', 'true']] as const;
    await expect(runHelper({ id: 'ex-refused', mode: 'run', records, stdio: 'ignore', signal: new AbortController().signal }))
      .rejects.toMatchObject({ code: 'container.helper-protocol' });
  });

  it('does not wait for a background process that keeps the output open', async () => {
    const started = Date.now();
    const run = await execCaptured(h.ctx, id, { args: ['sh', '-c', 'sleep 3 & echo left'] });
    expect(run).toMatchObject({ code: 0, stdout: 'left\n' });
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
