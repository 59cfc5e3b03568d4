/**
 * stop, start and kill through the built CLI (`npm run build` first) while the project's supervisor
 * runs (hosted in this test process) with `restart: always`: the verbs tell it through its control
 * socket, so a stopped or killed container stays down (marked stopped by the user) until `start`.
 * Project vb-sv, cgroups under berth/vb-sv.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observeContainer } from '../runtime/container/index.js';
import { readSupervision, writeSupervisionSpec, type Supervisor } from '../supervisor/index.js';
import { startSupervisor } from '../supervisor/supervisor.js';
import { makeVerbFixture, type VerbFixture } from './test-support/verb-fixture.js';

const SERVE = 'trap "exit 0" TERM; while true; do sleep 0.1; done';
const ID = 'vb-sv-web-1';

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(process.getuid?.() !== 0)('lifecycle verbs with a supervisor (needs root)', () => {
  let f: VerbFixture;
  let supervisor: Supervisor | undefined;
  const status = () => observeContainer(f.ctx.roots, ID)?.status;
  beforeAll(async () => {
    f = makeVerbFixture('sv');
    const config = await f.container('web', ['sh', '-c', SERVE]);
    writeSupervisionSpec(f.ctx.roots, {
      v: 1, project: f.project, networks: [], ports: [],
      containers: [{ id: ID, name: config.name, service: 'web', number: 1, restartPolicy: { kind: 'always' }, healthcheck: null, stopSignal: 'SIGTERM', stopGraceMs: 2000, dependsOnRestart: [] }],
    });
    supervisor = await startSupervisor({ roots: f.ctx.roots, project: f.project, cgroups: f.ctx.cgroups, log: () => undefined });
  });
  afterAll(async () => {
    await supervisor?.shutdown();
    await f?.cleanup();
  });

  it('restarts a container that dies on its own (the policy is live)', async () => {
    const pid = observeContainer(f.ctx.roots, ID)!.record.pid!;
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 5000;
    while (observeContainer(f.ctx.roots, ID)?.record.pid === pid || status() !== 'running') {
      if (Date.now() > deadline) throw new Error('the supervisor did not restart the container');
      await settle(50);
    }
  });

  it('keeps a stopped container down, and start brings it back', async () => {
    expect((await f.berthAsync('stop', 'web')).status).toBe(0);
    expect(status()).toBe('exited');
    expect(readSupervision(f.ctx.roots, ID).stoppedByUser).toBe(true);
    await settle(1000);
    expect(status()).toBe('exited');
    expect((await f.berthAsync('start', 'web')).status).toBe(0);
    expect(status()).toBe('running');
    expect(readSupervision(f.ctx.roots, ID).stoppedByUser).toBe(false);
  });

  it('keeps a killed container down', async () => {
    expect((await f.berthAsync('kill', 'web')).status).toBe(0);
    await settle(1000);
    expect(status()).toBe('exited');
    expect(readSupervision(f.ctx.roots, ID).stoppedByUser).toBe(true);
  });
});
