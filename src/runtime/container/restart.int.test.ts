/**
 * Starting a stopped container again, as Compose restarts do: the same container keeps its upper dir
 * (files written by one run are seen by the next), cgroup and log; each run gets a fresh monitor and its
 * own exit record, and the log is appended to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerPaths } from './container-paths.js';
import { createContainer } from './create.js';
import { deleteContainer } from './delete.js';
import { startContainer } from './start.js';
import { killContainer, waitContainer } from './stop.js';
import { observeContainer } from '../state/observe.js';
import { leftovers } from './test-support/leftovers.js';
import { makeHarness, readLog, type Harness } from './test-support/runtime-harness.js';

const SCRIPT = 'n=$(cat /data/count 2>/dev/null || echo 0); n=$((n+1)); mkdir -p /data; echo $n > /data/count; echo run $n; exit $((n+2))';

describe.skipIf(process.getuid?.() !== 0)('restarting a stopped container (needs root)', () => {
  let h: Harness;
  beforeAll(() => { h = makeHarness('restart', 'rt2'); });
  afterAll(async () => { await h?.cleanup(); });

  it('runs again with the files of the last run, a new monitor and exit record, and the log appended', async () => {
    const config = h.config(['sh', '-c', SCRIPT]);
    createContainer(h.ctx, config);
    const first = await startContainer(h.ctx, config.id, { stdio: 'ignore', foreground: true });
    expect(first.exit).toEqual({ code: 3, signal: 0, oomKilled: false });
    const exit1 = observeContainer(h.ctx.roots, config.id)?.exit;
    expect(exit1).toMatchObject({ code: 3, pid: first.record.pid });
    const second = await startContainer(h.ctx, config.id, { stdio: 'ignore', foreground: true });
    expect(second.exit).toEqual({ code: 4, signal: 0, oomKilled: false });
    const observed = observeContainer(h.ctx.roots, config.id);
    expect(observed?.status).toBe('exited');
    expect(observed?.record.restartCount).toBe(1);
    expect(observed?.exit).toMatchObject({ code: 4, pid: second.record.pid });
    expect(observed?.exit?.startedAt).not.toBe(exit1?.startedAt);
    expect(second.record.monitorPid).not.toBe(first.record.monitorPid);
    expect(readLog(containerPaths(h.ctx.roots, config.id).log).stdout).toBe('run 1\nrun 2\n');
    await deleteContainer(h.ctx, config.id);
    expect(leftovers(h.ctx, config.id, config.cgroupName!, [second.record.pid!, second.record.monitorPid!])).toEqual([]);
  });

  it('restarts a detached container that was killed, refuses to start a running one', async () => {
    const config = h.config(['sh', '-c', 'echo up; sleep 30']);
    createContainer(h.ctx, config);
    const first = await startContainer(h.ctx, config.id, { stdio: 'ignore', foreground: false });
    await expect(startContainer(h.ctx, config.id, { stdio: 'ignore', foreground: false })).rejects.toMatchObject({ code: 'container.already-running' });
    killContainer(h.ctx, config.id, 'KILL');
    expect(await waitContainer(h.ctx, config.id)).toMatchObject({ status: 'exited', exit: { code: 137, signal: 9 } });
    const second = await startContainer(h.ctx, config.id, { stdio: 'ignore', foreground: false });
    expect(second.record.pid).not.toBe(first.record.pid);
    expect(observeContainer(h.ctx.roots, config.id)).toMatchObject({ status: 'running', exit: undefined });
    await deleteContainer(h.ctx, config.id, { force: true });
    expect(leftovers(h.ctx, config.id, config.cgroupName!, [second.record.pid!, second.record.monitorPid!])).toEqual([]);
  });

  it('reports an OOM kill only for the run that was killed', async () => {
    const config = h.config(['sh', '-c', '[ -e /oomed ] && exit 0; touch /oomed; sync; x=a; while :; do x="$x$x"; done'], { limits: { memory: 16 * 1024 * 1024, pids: 64 } });
    createContainer(h.ctx, config);
    const first = await startContainer(h.ctx, config.id, { stdio: 'ignore', foreground: true });
    expect(first.exit).toMatchObject({ signal: 9, oomKilled: true });
    const second = await startContainer(h.ctx, config.id, { stdio: 'ignore', foreground: true });
    expect(second.exit).toEqual({ code: 0, signal: 0, oomKilled: false });
    await deleteContainer(h.ctx, config.id);
  });
});
