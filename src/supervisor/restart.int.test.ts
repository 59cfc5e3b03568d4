/**
 * Restart policies on real containers, with an in-process supervisor: a crashing container under `no`,
 * `always` (with back-off growing between runs), `on-failure:2`, `unless-stopped` with a user stop,
 * `depends_on.restart` restarting a dependent, and a container that died with its monitor (no exit
 * record). Run times come from the containers' logs; intervals are checked loosely.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killContainer, observeContainer } from '../runtime/container/index.js';
import { readSupervision } from './container-records.js';
import { startSupervisor, type Supervisor } from './supervisor.js';
import { writeSupervisionSpec, type SupervisedContainer } from './supervision-spec.js';
import { eventually, makeSupervisorHarness, pause, SERVE, type SupervisorHarness } from './test-support/supervisor-harness.js';

const PROJECT = 'sv-restart';

describe.skipIf(process.getuid?.() !== 0)('supervisor restart policies (needs root: real containers)', () => {
  let h: SupervisorHarness;
  let sup: Supervisor | undefined;
  beforeAll(() => { h = makeSupervisorHarness('restart'); });
  afterAll(async () => {
    await sup?.shutdown();
    await h?.cleanup();
  });

  async function supervise(containers: SupervisedContainer[]): Promise<Supervisor> {
    writeSupervisionSpec(h.ctx.roots, { v: 1, project: PROJECT, containers, networks: [], ports: [] });
    if (sup === undefined) sup = await startSupervisor({ roots: h.ctx.roots, project: PROJECT, cgroups: h.ctx.cgroups, log: () => undefined });
    else await sup.reload();
    return sup;
  }

  function report(id: string) {
    return sup?.status().containers.find((c) => c.id === id);
  }

  it('leaves a crashed container alone under `no`, and restarts under `always` with growing back-off', async () => {
    const never = await h.startShell('echo run; exit 3');
    const always = await h.startShell('echo run; exit 0');
    await supervise([
      h.supervised(never, 'never'),
      h.supervised(always, 'always', { restartPolicy: { kind: 'always' } }),
    ]);
    const times = await eventually('five runs under always', () => { const t = h.runTimes(always.id); return t.length >= 5 ? t : undefined; });
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps[0]!).toBeGreaterThanOrEqual(80);
    // gaps[0] also holds the supervisor's own start (the first run ended before it was up): the
    // back-off's growth shows from the first restart on (~200 ms, then ~400, ~800).
    expect(gaps[3]!).toBeGreaterThan(gaps[1]! * 2);
    expect(readSupervision(h.ctx.roots, always.id).restartCount).toBeGreaterThanOrEqual(4);
    expect(h.runTimes(never.id)).toHaveLength(1);
    expect(report(never.id)).toMatchObject({ state: 'exited', exitCode: 3, restartCount: 0, restartPending: false });
  });

  it('restarts `on-failure:2` twice, then leaves it exited', async () => {
    const failing = await h.startShell('echo run; exit 1');
    await supervise([h.supervised(failing, 'failing', { restartPolicy: { kind: 'on-failure', maxRetries: 2 } })]);
    await eventually('two restarts', () => (report(failing.id)?.restartCount === 2 && report(failing.id)?.state === 'exited' ? true : undefined));
    await pause(600);
    expect(h.runTimes(failing.id)).toHaveLength(3);
    expect(report(failing.id)).toMatchObject({ state: 'exited', exitCode: 1, restartCount: 2, restartPending: false });
  });

  it('restarts `unless-stopped` after a crash but not after a user stop, until started again', async () => {
    const server = await h.startShell(SERVE);
    await supervise([h.supervised(server, 'server', { restartPolicy: { kind: 'unless-stopped' } })]);
    const firstPid = observeContainer(h.ctx.roots, server.id)!.record.pid!;
    killContainer(h.ctx, server.id, 'KILL');
    const secondPid = await eventually('a restart after the crash', () => {
      const pid = report(server.id)?.pid;
      return pid !== undefined && pid !== firstPid ? pid : undefined;
    });
    expect(report(server.id)?.restartCount).toBe(1);
    await sup!.stopContainer(server.id);
    expect(observeContainer(h.ctx.roots, server.id)?.exit).toMatchObject({ code: 0 });
    await pause(500);
    expect(report(server.id)).toMatchObject({ state: 'exited', stoppedByUser: true, restartCount: 1, restartPending: false });
    expect(readSupervision(h.ctx.roots, server.id).stoppedByUser).toBe(true);
    await sup!.startContainer(server.id);
    expect(report(server.id)).toMatchObject({ state: 'running', stoppedByUser: false });
    expect(report(server.id)?.pid).not.toBe(secondPid);
  });

  it('restarts a dependent with depends_on.restart when its dependency is restarted', async () => {
    const db = await h.startShell(SERVE);
    const app = await h.startShell(SERVE);
    await supervise([
      h.supervised(db, 'db', { restartPolicy: { kind: 'always' } }),
      h.supervised(app, 'app', { restartPolicy: { kind: 'always' }, dependsOnRestart: ['db'] }),
    ]);
    const appPid = observeContainer(h.ctx.roots, app.id)!.record.pid!;
    killContainer(h.ctx, db.id, 'KILL');
    await eventually('the dependent restarted', () => {
      const now = report(app.id);
      return now?.state === 'running' && now.pid !== appPid ? true : undefined;
    });
    await eventually('the second run logged', () => (h.runTimes(app.id).length === 2 ? true : undefined));
    expect(report(app.id)?.restartCount).toBe(0);
  });

  it('restarts a container whose monitor was killed with it (no exit record: found by the sweep)', async () => {
    const c = await h.startShell(SERVE);
    await supervise([h.supervised(c, 'orphan', { restartPolicy: { kind: 'always' } })]);
    const { pid, monitorPid } = observeContainer(h.ctx.roots, c.id)!.record;
    process.kill(monitorPid!, 'SIGKILL');
    process.kill(pid!, 'SIGKILL');
    const restarted = await eventually('a restart of the dead container', () => {
      const now = report(c.id);
      return now?.state === 'running' && now.pid !== pid ? now : undefined;
    });
    expect(restarted.restartCount).toBe(1);
  });
});
