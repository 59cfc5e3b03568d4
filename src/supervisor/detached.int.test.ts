/**
 * The detached supervisor as a real process (run from the sources through the test loader):
 * ensureSupervisor is idempotent; after `kill -9` a new one adopts the running containers without
 * restarting them, resumes their health state and re-creates its DNS server and port forwarder; reload adds and removes containers
 * and DNS records; `stop-container` over the socket; shutdown leaves no process, socket or listener.
 * DNS and forwarders listen on 127.0.0.1 only; the forwarded-to server is the test's own.
 */
import { existsSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observeContainer, type ContainerConfig } from '../runtime/container/index.js';
import { processStartTime } from '../runtime/process/proc-identity.js';
import { queryA } from '../runtime/network/test-support/dns-client.js';
import { supervisorRequest } from './control-client.js';
import { ensureSupervisor } from './detached.js';
import { projectPaths } from './project-paths.js';
import type { SupervisorStatus } from './supervisor.js';
import { writeSupervisionSpec, type HealthcheckSpec, type SupervisionSpec } from './supervision-spec.js';
import { eventually, FROM_SOURCES, makeSupervisorHarness, SERVE, type SupervisorHarness } from './test-support/supervisor-harness.js';

const PROJECT = 'sv-detach';
// Passes only the first time: a supervisor that resumes the saved state stays `healthy` (next probe in a
// minute), one that started over would be stuck at `starting`.
const PROBE_ONCE: HealthcheckSpec = {
  test: ['CMD-SHELL', 'test ! -e /probed && touch /probed'],
  intervalMs: 60_000, timeoutMs: 5000, retries: 3, startPeriodMs: 60_000, startIntervalMs: 100,
};

function echoServer(): Promise<Server> {
  const server = createServer((c) => c.pipe(c));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function roundTrip(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = connect(port, '127.0.0.1', () => c.write(text));
    c.on('data', (d) => { c.destroy(); resolve(d.toString()); });
    c.on('error', reject);
  });
}

describe.skipIf(process.getuid?.() !== 0)('detached supervisor (needs root: real containers)', () => {
  let h: SupervisorHarness;
  let echo: Server;
  let a: ContainerConfig;
  let b: ContainerConfig;
  beforeAll(async () => {
    h = makeSupervisorHarness('detach');
    echo = await echoServer();
  });
  afterAll(async () => {
    echo?.close();
    await h?.cleanup();
  });

  function spec(containers: ContainerConfig[]): SupervisionSpec {
    const echoPort = (echo.address() as { port: number }).port;
    return {
      v: 1, project: PROJECT,
      containers: containers.map((c) => h.supervised(c, c === a ? 'web' : 'worker', {
        restartPolicy: { kind: 'always' },
        healthcheck: c === a ? PROBE_ONCE : null,
      })),
      networks: [{
        name: `${PROJECT}_default`, gateway: '127.0.0.1', dns: { host: '127.0.0.1', port: 0 }, upstreams: [],
        records: containers.map((c, i) => ({ owner: c.id, names: [c === a ? 'web' : 'worker'], address: `10.231.200.${i + 2}` })),
      }],
      ports: [{ protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 0, containerIp: '127.0.0.1', containerPort: echoPort, container: a?.id }],
    };
  }

  const status = async (): Promise<SupervisorStatus> => (await supervisorRequest(h.ctx.roots, PROJECT, { cmd: 'status' })) as SupervisorStatus;

  async function ensure(): Promise<{ pid: number; started: boolean }> {
    const ensured = await ensureSupervisor(h.ctx.roots, PROJECT, FROM_SOURCES);
    h.pids.push(ensured.pid);
    return ensured;
  }

  it('starts once, serves DNS and a forwarder, and is kept by a second ensure', async () => {
    a = await h.startShell(SERVE);
    writeSupervisionSpec(h.ctx.roots, spec([a]));
    const first = await ensure();
    expect(first.started).toBe(true);
    expect(await ensure()).toEqual({ pid: first.pid, started: false });
    const now = await status();
    expect(now.containers).toMatchObject([{ id: a.id, state: 'running', restartCount: 0 }]);
    expect(await queryA('127.0.0.1', now.dns[0]!.port, 'web')).toEqual({ rcode: 'NOERROR', addresses: ['10.231.200.2'] });
    expect(await roundTrip(now.ports[0]!.boundPort, 'ping')).toBe('ping');
    await eventually('healthy', async () => ((await status()).containers[0]?.health === 'healthy' ? true : undefined));
  });

  it('is replaced after kill -9 by one that adopts the running container without restarting it', async () => {
    const before = await status();
    const containerPid = observeContainer(h.ctx.roots, a.id)!.record.pid;
    process.kill(before.pid, 'SIGKILL');
    await eventually('the old supervisor gone', () => (processStartTime(before.pid) === undefined ? true : undefined));
    const next = await ensure();
    expect(next.started).toBe(true);
    expect(next.pid).not.toBe(before.pid);
    const after = await status();
    expect(after.containers).toMatchObject([{ id: a.id, state: 'running', pid: containerPid, restartCount: 0, health: 'healthy' }]);
    expect(h.runTimes(a.id)).toHaveLength(1);
    expect(await queryA('127.0.0.1', after.dns[0]!.port, 'web')).toMatchObject({ addresses: ['10.231.200.2'] });
    expect(await roundTrip(after.ports[0]!.boundPort, 'again')).toBe('again');
  });

  it('reloads: adds a container and its DNS name, then removes them', async () => {
    b = await h.startShell(SERVE);
    writeSupervisionSpec(h.ctx.roots, spec([a, b]));
    expect(await supervisorRequest(h.ctx.roots, PROJECT, { cmd: 'reload' })).toEqual({ added: [b.id], removed: [], errors: [] });
    const dnsPort = (await status()).dns[0]!.port;
    expect(await queryA('127.0.0.1', dnsPort, 'worker')).toMatchObject({ addresses: ['10.231.200.3'] });
    writeSupervisionSpec(h.ctx.roots, spec([a]));
    expect(await supervisorRequest(h.ctx.roots, PROJECT, { cmd: 'reload' })).toEqual({ added: [], removed: [b.id], errors: [] });
    expect((await status()).containers.map((c) => c.id)).toEqual([a.id]);
    expect(await queryA('127.0.0.1', dnsPort, 'worker')).toMatchObject({ rcode: 'NXDOMAIN', addresses: [] });
  });

  it('stops a container for the user over the socket, dropping its DNS name, and refuses unknown ids', async () => {
    const stopped = await supervisorRequest(h.ctx.roots, PROJECT, { cmd: 'stop-container', id: a.id });
    expect(stopped).toMatchObject({ id: a.id, state: 'exited', stoppedByUser: true, restartPending: false });
    expect(await queryA('127.0.0.1', (await status()).dns[0]!.port, 'web')).toMatchObject({ addresses: [] });
    await expect(supervisorRequest(h.ctx.roots, PROJECT, { cmd: 'stop-container', id: 'sv-nope' })).rejects.toMatchObject({ code: 'supervisor.unknown-container' });
  });

  it('shuts down leaving no process, socket, pid file or listener', async () => {
    const last = await status();
    await supervisorRequest(h.ctx.roots, PROJECT, { cmd: 'shutdown' });
    await eventually('the supervisor gone', () => (processStartTime(last.pid) === undefined ? true : undefined));
    const paths = projectPaths(h.ctx.roots, PROJECT);
    expect(existsSync(paths.socket)).toBe(false);
    expect(existsSync(paths.pid)).toBe(false);
    await expect(roundTrip(last.ports[0]!.boundPort, 'x')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(supervisorRequest(h.ctx.roots, PROJECT, { cmd: 'status' })).rejects.toMatchObject({ code: 'supervisor.not-running' });
  });
});
