import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteContainer } from './delete.js';
import { execInContainer } from './exec.js';
import { runContainer } from './run.js';
import { observeContainer } from '../state/observe.js';
import { killContainer, waitContainer } from './stop.js';
import { leftovers } from './test-support/leftovers.js';
import { makeHarness, readLog, type Harness } from './test-support/runtime-harness.js';
import { containerPaths } from './container-paths.js';

const stat = (pid: number): string[] => {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
};

describe.skipIf(process.getuid?.() !== 0)('container lifecycle: monitor, signals, exec, observe, teardown (needs root)', () => {
  let h: Harness;
  beforeAll(() => { h = makeHarness('life'); });
  afterAll(async () => { await h?.cleanup(); });

  async function detached(args: string[], init = false): Promise<{ id: string; pid: number; monitor: number; cgroup: string }> {
    const config = h.config(args);
    const { record } = await runContainer(h.ctx, { ...config, process: { ...config.process, init } }, { stdio: 'ignore', foreground: false, remove: false });
    return { id: config.id, pid: record.pid!, monitor: record.monitorPid!, cgroup: config.cgroupName! };
  }

  it('passes a signal through and records the exit status; teardown leaves nothing', async () => {
    const c = await detached(['sh', '-c', 'trap "exit 42" TERM; sleep 30 & wait']);
    expect(observeContainer(h.ctx.roots, c.id)?.status).toBe('running');
    await new Promise((r) => setTimeout(r, 50));
    expect(killContainer(h.ctx, c.id, 'TERM')).toBe(true);
    expect(await waitContainer(h.ctx, c.id)).toMatchObject({ status: 'exited', exit: { code: 42, signal: 0, oomKilled: false } });
    const k = await detached(['sleep', '30']);
    killContainer(h.ctx, k.id, 'KILL');
    expect(await waitContainer(h.ctx, k.id)).toMatchObject({ status: 'exited', exit: { code: 137, signal: 9 } });
    await deleteContainer(h.ctx, k.id);
    expect(killContainer(h.ctx, c.id, 'TERM')).toBe(false);
    await deleteContainer(h.ctx, c.id);
    expect(await deleteContainer(h.ctx, c.id)).toBe(false);
    expect(leftovers(h.ctx, c.id, c.cgroup, [c.pid, c.monitor])).toEqual([]);
  });

  it('detaches the monitor from its starter (own session, not our child) and keeps the log', async () => {
    const c = await detached(['sh', '-c', 'echo out; echo err >&2; sleep 30']);
    const monitor = stat(c.monitor);
    expect(Number(monitor[1])).not.toBe(process.pid);
    expect(Number(monitor[3])).not.toBe(Number(stat(process.pid)[3]));
    expect(Number(stat(c.pid)[1])).toBe(c.monitor);
    await new Promise((r) => setTimeout(r, 100));
    expect(readLog(containerPaths(h.ctx.roots, c.id).log)).toEqual({ stdout: 'out\n', stderr: 'err\n' });
    await deleteContainer(h.ctx, c.id, { force: true });
    expect(leftovers(h.ctx, c.id, c.cgroup, [c.pid, c.monitor])).toEqual([]);
  });

  it('sees a container whose monitor and process were killed as dead, and removes it', async () => {
    const c = await detached(['sleep', '30']);
    process.kill(c.monitor, 'SIGKILL');
    process.kill(c.pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 100));
    expect(observeContainer(h.ctx.roots, c.id)?.status).toBe('dead');
    await deleteContainer(h.ctx, c.id);
    expect(leftovers(h.ctx, c.id, c.cgroup, [c.pid, c.monitor])).toEqual([]);
  });

  it('refuses to remove a running container unless forced', async () => {
    const c = await detached(['sleep', '30']);
    await expect(deleteContainer(h.ctx, c.id)).rejects.toMatchObject({ code: 'container.running' });
    await deleteContainer(h.ctx, c.id, { force: true });
    expect(leftovers(h.ctx, c.id, c.cgroup, [c.pid, c.monitor])).toEqual([]);
  });

  it('execs in the container\'s namespaces and cgroup and returns the exit code', async () => {
    const c = await detached(['sleep', '30']);
    const code = await execInContainer(h.ctx, c.id, { args: ['sh', '-c', `[ "$(hostname)" = "${c.id.slice(0, 12)}" ] && [ -e /probe ] && grep -q "memory:/$" /proc/self/cgroup && [ $$ -ne 1 ] && exit 9`], stdio: 'ignore' });
    expect(code).toBe(9);
    const pids = readFileSync(`/sys/fs/cgroup/pids/berth/${c.cgroup}/cgroup.procs`, 'utf8').trim().split('\n');
    expect(pids).toEqual([String(c.pid)]);
    await expect(execInContainer(h.ctx, c.id, { args: ['nope'], stdio: 'ignore' })).rejects.toMatchObject({ code: 'container.command-not-found' });
    await deleteContainer(h.ctx, c.id, { force: true });
  });

  it('with init, PID 1 forwards signals, reaps zombies and returns the child\'s status', async () => {
    const config = h.config(['sh', '-c', '(sleep 0.05 &); sleep 0.3; ps -o stat | grep -c Z; exit 4']);
    const run = await h.runToEnd({ ...config, process: { ...config.process, init: true } });
    expect(run.code).toBe(4);
    expect(run.stdout.trim()).toBe('0');
    const c = await detached(['sleep', '30'], true);
    killContainer(h.ctx, c.id, 'TERM');
    expect(await waitContainer(h.ctx, c.id)).toMatchObject({ status: 'exited', exit: { code: 143 } });
    await deleteContainer(h.ctx, c.id);
  });
});
