/**
 * Health probes on real containers, exec'd through the runtime by an in-process supervisor: starting →
 * unhealthy → healthy as the probed file appears, a probe past its timeout counted as failed with
 * Docker's message, and a restarted container starting again at `starting` (the old run's status is
 * stale at once).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killContainer, observeContainer } from '../runtime/container/index.js';
import { currentHealth, readHealthRecord, type HealthRecord } from './container-records.js';
import { startSupervisor, type Supervisor } from './supervisor.js';
import { writeSupervisionSpec, type HealthcheckSpec, type SupervisedContainer } from './supervision-spec.js';
import { eventually, makeSupervisorHarness, type SupervisorHarness } from './test-support/supervisor-harness.js';

const PROJECT = 'sv-health';

function check(test: string[], overrides: Partial<HealthcheckSpec> = {}): HealthcheckSpec {
  return { test, intervalMs: 150, timeoutMs: 2000, retries: 2, startPeriodMs: 0, startIntervalMs: 150, ...overrides };
}

describe.skipIf(process.getuid?.() !== 0)('supervisor health probes (needs root: real containers)', () => {
  let h: SupervisorHarness;
  let sup: Supervisor | undefined;
  beforeAll(() => { h = makeSupervisorHarness('health'); });
  afterAll(async () => {
    await sup?.shutdown();
    await h?.cleanup();
  });

  async function supervise(containers: SupervisedContainer[]): Promise<void> {
    writeSupervisionSpec(h.ctx.roots, { v: 1, project: PROJECT, containers, networks: [], ports: [] });
    if (sup === undefined) sup = await startSupervisor({ roots: h.ctx.roots, project: PROJECT, cgroups: h.ctx.cgroups, log: () => undefined });
    else await sup.reload();
  }

  function healthIs(id: string, status: string): HealthRecord | undefined {
    const record = currentHealth(h.ctx.roots, id);
    return record?.status === status ? record : undefined;
  }

  it('goes from starting to unhealthy after `retries` failures, then to healthy', async () => {
    const c = await h.startShell('echo run; sleep 1.2; touch /tmp/ready; while true; do sleep 1 & wait $!; done');
    await supervise([h.supervised(c, 'web', { healthcheck: check(['CMD-SHELL', 'test -e /tmp/ready']) })]);
    expect(currentHealth(h.ctx.roots, c.id)?.status).toBe('starting');
    const unhealthy = await eventually('unhealthy', () => healthIs(c.id, 'unhealthy'));
    expect(unhealthy.failingStreak).toBeGreaterThanOrEqual(2);
    expect(unhealthy.log.at(-1)).toMatchObject({ exitCode: 1 });
    const healthy = await eventually('healthy', () => healthIs(c.id, 'healthy'));
    expect(healthy).toMatchObject({ failingStreak: 0, pid: observeContainer(h.ctx.roots, c.id)?.record.pid });
    expect(healthy.log.length).toBeLessThanOrEqual(5);
    expect(sup!.status().containers[0]).toMatchObject({ health: 'healthy' });
  });

  it('counts a probe past its timeout as failed, keeping the timeout message', async () => {
    const c = await h.startShell('echo run; while true; do sleep 1 & wait $!; done');
    await supervise([h.supervised(c, 'slow', { healthcheck: check(['CMD', 'sleep', '5'], { timeoutMs: 200, retries: 1 }) })]);
    const unhealthy = await eventually('unhealthy', () => healthIs(c.id, 'unhealthy'));
    expect(unhealthy.log.at(-1)?.output).toContain('exceeded timeout');
  });

  it('starts a restarted container at `starting` again; the old run\'s status never counts', async () => {
    const c = await h.startShell('n=$(cat /runs 2>/dev/null || echo 0); echo $((n+1)) > /runs; echo run; while true; do sleep 1 & wait $!; done');
    await supervise([h.supervised(c, 'api', {
      restartPolicy: { kind: 'always' },
      healthcheck: check(['CMD-SHELL', 'test "$(cat /runs)" = 1'], { retries: 1000 }),
    })]);
    const firstPid = (await eventually('healthy', () => healthIs(c.id, 'healthy'))).pid;
    killContainer(h.ctx, c.id, 'KILL');
    await eventually('the exit seen', () => (observeContainer(h.ctx.roots, c.id)?.running === false ? true : undefined));
    const onDisk = readHealthRecord(h.ctx.roots, c.id);
    const current = currentHealth(h.ctx.roots, c.id);
    // Either the old run's `healthy` is still on disk and must not count, or the new run's `starting` is there.
    expect(onDisk?.pid === firstPid ? current : current?.status).toBe(onDisk?.pid === firstPid ? undefined : 'starting');
    const restarted = await eventually('the new run probed', () => {
      const record = currentHealth(h.ctx.roots, c.id);
      return record !== undefined && record.pid !== firstPid && record.log.length > 0 ? record : undefined;
    });
    expect(restarted.status).toBe('starting');
    expect(restarted.failingStreak).toBeGreaterThan(0);
  });
});
