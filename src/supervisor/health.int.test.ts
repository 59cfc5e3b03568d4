/**
 * Health probes on real containers, exec'd through the runtime by an in-process supervisor: starting →
 * unhealthy → healthy as the probed file appears, with each probe's output kept in health.json; a probe
 * past its timeout counted as failed with Docker's message and killed with its children (nothing of it
 * left in the container's cgroup), and likewise when a detached supervisor is killed by -9 mid-probe; a restarted container starting again at `starting` (the old run's
 * status is stale at once).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killContainer, observeContainer } from '../runtime/container/index.js';
import type { ContainerConfig } from '../runtime/container/index.js';
import { currentHealth, readHealthRecord, type HealthRecord } from './container-records.js';
import { ensureSupervisor } from './detached.js';
import { startSupervisor, type Supervisor } from './supervisor.js';
import { writeSupervisionSpec, type HealthcheckSpec, type SupervisedContainer } from './supervision-spec.js';
import { eventually, FROM_SOURCES, makeSupervisorHarness, type SupervisorHarness } from './test-support/supervisor-harness.js';

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

  /** The command lines of the processes in container `config`'s cgroup. */
  function commandsIn(config: ContainerConfig): string[] {
    return (h.ctx.cgroups.open(config.cgroupName!)?.pids() ?? []).flatMap((pid) => {
      try {
        return [readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim()];
      } catch {
        return [];
      }
    });
  }

  function healthIs(id: string, status: string): HealthRecord | undefined {
    const record = currentHealth(h.ctx.roots, id);
    return record?.status === status ? record : undefined;
  }

  it('goes from starting to unhealthy after `retries` failures, then to healthy, keeping each probe\'s output', async () => {
    const c = await h.startShell('echo run; sleep 1.2; touch /tmp/ready; while true; do sleep 1 & wait $!; done');
    const test = 'echo "probe says $(ls /tmp)"; test -e /tmp/ready || { echo not ready yet >&2; exit 1; }';
    await supervise([h.supervised(c, 'web', { healthcheck: check(['CMD-SHELL', test]) })]);
    expect(currentHealth(h.ctx.roots, c.id)?.status).toBe('starting');
    const unhealthy = await eventually('unhealthy', () => healthIs(c.id, 'unhealthy'));
    expect(unhealthy.failingStreak).toBeGreaterThanOrEqual(2);
    expect(unhealthy.log.at(-1)).toMatchObject({ exitCode: 1 });
    expect(unhealthy.log.at(-1)?.output).toContain('probe says \n');
    expect(unhealthy.log.at(-1)?.output).toContain('not ready yet\n');
    const healthy = await eventually('healthy', () => healthIs(c.id, 'healthy'));
    expect(healthy.log.at(-1)).toMatchObject({ exitCode: 0, output: 'probe says ready\n' });
    expect(healthy).toMatchObject({ failingStreak: 0, pid: observeContainer(h.ctx.roots, c.id)?.record.pid });
    expect(healthy.log.length).toBeLessThanOrEqual(5);
    expect(sup!.status().containers[0]).toMatchObject({ health: 'healthy' });
  });

  it('counts a probe past its timeout as failed and kills it with its children', async () => {
    const c = await h.startShell('echo run; while true; do sleep 1 & wait $!; done');
    const test = ['CMD-SHELL', 'echo begun; sleep 37; echo never'];
    await supervise([h.supervised(c, 'slow', { healthcheck: check(test, { timeoutMs: 200, retries: 2 }) })]);
    const unhealthy = await eventually('unhealthy', () => healthIs(c.id, 'unhealthy'));
    expect(unhealthy.log.at(-1)?.exitCode).toBe(-1);
    expect(unhealthy.log.at(-1)?.output).toMatch(/(^|\n)health check exceeded timeout \(200 ms\)$/);
    expect(unhealthy.log.some((probe) => probe.output === 'begun\nhealth check exceeded timeout (200 ms)')).toBe(true);
    expect(commandsIn(c).filter((cmd) => cmd === 'sleep 37').length).toBeLessThanOrEqual(1); // one probe at a time
    // Without the supervisor no new probe starts; the one in flight is killed at its timeout.
    await sup!.shutdown();
    sup = undefined;
    const left = await eventually('no probe left', () => (commandsIn(c).some((cmd) => cmd.includes('sleep 37')) ? undefined : commandsIn(c)), 2000);
    expect(left.some((cmd) => cmd.includes('sh -c echo run'))).toBe(true);
  });

  it('takes a probe in flight down with a detached supervisor killed by -9', async () => {
    const c = await h.startShell('echo run; while true; do sleep 1 & wait $!; done');
    const project = `${PROJECT}-kill`;
    const held = h.supervised(c, 'held', { healthcheck: check(['CMD', 'sleep', '38'], { timeoutMs: 60_000 }) });
    writeSupervisionSpec(h.ctx.roots, { v: 1, project, containers: [held], networks: [], ports: [] });
    const { pid } = await ensureSupervisor(h.ctx.roots, project, FROM_SOURCES);
    h.pids.push(pid);
    await eventually('the probe running', () => (commandsIn(c).includes('sleep 38') ? true : undefined));
    process.kill(pid, 'SIGKILL');
    await eventually('the probe gone', () => (commandsIn(c).includes('sleep 38') ? undefined : true), 3000);
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
