/**
 * The container lifecycle as a Compose user meets it, end to end through the CLI on the lifecycle
 * fixture: published ports without a host port (the host picks one, kept across a reload), what `ps`
 * shows while a restart policy backs off, attached `up` showing only new output, and `down` leaving
 * orphans running as Compose does. Projects `qlife-*`, subnets 10.231.208.0/22.
 */
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeE2e, type E2e, type RunResult } from './test-support/e2e-harness.js';

// Each project a /24 of 10.231.209.0-211.255 (10.231.208.0/24 is left for hand-run experiments).
const POOLS: Record<string, string> = { 'qlife-ports': '10.231.209.0/24', 'qlife-crash': '10.231.210.0/24', 'qlife-attach': '10.231.211.0/24', 'qlife-orphan': '10.231.209.0/24' };

describe.skipIf(process.getuid?.() !== 0)('the container lifecycle end to end (needs root)', () => {
  let e2e: E2e;
  beforeAll(() => {
    e2e = makeE2e('lifecycle');
  });
  afterAll(() => e2e?.cleanup());

  const berth = (project: string, file: string, args: string[], env: NodeJS.ProcessEnv = {}): RunResult =>
    e2e.run('lifecycle', project, ['-f', file, ...args], { BERTH_NETWORK_POOL: POOLS[project] ?? '10.231.209.0/24', ...env });

  it('publishes a port with no host port on a free host port, shown by ps (as Compose\'s JSON Publishers) and port, and kept by a later up', async () => {
    const up = berth('qlife-ports', 'compose.ports.yaml', ['up', '-d']);
    expect(up.code, up.stderr).toBe(0);
    const published = (target: number): string => berth('qlife-ports', 'compose.ports.yaml', ['port', 'web', String(target)]).stdout.trim();
    const first = published(8080);
    const second = published(8081);
    expect(first).toMatch(/^127\.0\.0\.1:[1-9]\d*$/);
    expect(second).toMatch(/^127\.0\.0\.1:[1-9]\d*$/);
    expect(first).not.toBe(second);
    expect((await (await fetch(`http://${first}/`)).text())).toContain('lifecycle page');
    expect((await (await fetch(`http://${second}/`)).text())).toContain('lifecycle page');
    const ps = berth('qlife-ports', 'compose.ports.yaml', ['ps']);
    expect(ps.stdout).toContain(`${first}->8080/tcp`);
    expect(ps.stdout).toContain(`${second}->8081/tcp`);
    const row = JSON.parse(berth('qlife-ports', 'compose.ports.yaml', ['ps', '--format', 'json']).stdout.trim()) as { Project: string; Publishers: unknown[] };
    expect(row.Project).toBe('qlife-ports');
    expect(row.Publishers).toEqual([
      { URL: '127.0.0.1', TargetPort: 8080, PublishedPort: Number(first.split(':')[1]), Protocol: 'tcp' },
      { URL: '127.0.0.1', TargetPort: 8081, PublishedPort: Number(second.split(':')[1]), Protocol: 'tcp' },
    ]);
    expect(berth('qlife-ports', 'compose.ports.yaml', ['up', '-d', '--force-recreate']).code).toBe(0);
    expect(published(8080)).toBe(first);
    expect(berth('qlife-ports', 'compose.ports.yaml', ['down', '-t', '0']).code).toBe(0);
    expect(e2e.leftovers('qlife-ports')).toEqual([]);
  });

  it('refuses the flags Compose refuses together, bad numbers and an unknown --scale service, before making anything', () => {
    const recreate = berth('qlife-flags', 'compose.ports.yaml', ['up', '-d', '--force-recreate', '--no-recreate']);
    expect(recreate.stderr).toContain('--force-recreate and --no-recreate are incompatible');
    const noStart = berth('qlife-flags', 'compose.ports.yaml', ['up', '--no-start', '--abort-on-container-exit']);
    expect(noStart.stderr).toContain('--no-start cannot be combined with --abort-on-container-exit');
    const badTimeout = berth('qlife-flags', 'compose.ports.yaml', ['up', '-d', '-t', 'soon']);
    expect(badTimeout.stderr).toContain('--timeout soon is not a whole number');
    const badWait = berth('qlife-flags', 'compose.ports.yaml', ['up', '--wait', '--wait-timeout', '1m']);
    expect(badWait.stderr).toContain('--wait-timeout 1m is not a whole number');
    const badDown = berth('qlife-flags', 'compose.ports.yaml', ['down', '-t', 'x']);
    expect(badDown.stderr).toContain('--timeout x is not a whole number');
    for (const r of [recreate, noStart, badTimeout, badWait, badDown]) expect(r.code).toBe(2);
    const unknown = berth('qlife-flags', 'compose.ports.yaml', ['up', '-d', '--scale', 'nosuch=2']);
    expect(unknown.stderr).toContain('no such service: nosuch (--scale)');
    expect(unknown.code).toBe(3);
    expect(e2e.snapshot('qlife-flags').ids).toEqual([]);
  });

  it('shows a container waiting out its restart back-off as restarting, in ps with and without -a, until stopped and after up', async () => {
    const crash = (args: string[]): RunResult => berth('qlife-crash', 'compose.crash.yaml', args);
    expect(crash(['up', '-d']).code).toBe(0);
    const row = (args: string[]): { State?: string; Status?: string } => JSON.parse(crash(['ps', '--format', 'json', ...args]).stdout.trim().split('\n')[0] || '{}') as { State?: string; Status?: string };
    let seen: { State?: string; Status?: string } = {};
    for (const deadline = Date.now() + 8000; Date.now() < deadline && seen.State !== 'restarting';) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      seen = row([]);
    }
    expect(seen).toMatchObject({ State: 'restarting', Status: expect.stringMatching(/^Restarting \(3\) .* ago$/) });
    expect(crash(['stop', '-t', '0']).code).toBe(0);
    expect(row(['-a'])).toMatchObject({ State: 'exited', Status: expect.stringMatching(/^Exited \(3\) .* ago$/) });
    // up starts it again, which ends the user's stop: the policy applies again.
    expect(crash(['up', '-d']).code).toBe(0);
    seen = {};
    for (const deadline = Date.now() + 8000; Date.now() < deadline && seen.State !== 'restarting';) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      seen = row([]);
    }
    expect(seen).toMatchObject({ State: 'restarting' });
    expect(crash(['down', '-t', '0']).code).toBe(0);
    expect(e2e.leftovers('qlife-crash')).toEqual([]);
  });

  it('attached up shows the output of this run only, not what the containers printed before', () => {
    const talk = (): RunResult => berth('qlife-attach', 'compose.attach.yaml', ['up']);
    const said = (r: RunResult): number => r.stdout.split('\n').filter((l) => /^talker-1 +\| hello from talker$/.test(l)).length;
    const first = talk();
    expect(first.code, first.stderr).toBe(0);
    expect(said(first)).toBe(1);
    const second = talk();
    expect(second.code, second.stderr).toBe(0);
    expect(said(second)).toBe(1);
    expect(second.stdout).toContain('talker-1 exited with code 0');
    expect(berth('qlife-attach', 'compose.attach.yaml', ['down', '-t', '0']).code).toBe(0);
    expect(e2e.leftovers('qlife-attach')).toEqual([]);
  });

  it('down leaves orphans running with a warning, keeping their network, and --remove-orphans takes them', () => {
    expect(berth('qlife-orphan', 'compose.orphan.yaml', ['up', '-d']).code).toBe(0);
    const down = berth('qlife-orphan', 'compose.orphan-less.yaml', ['down', '-t', '0']);
    expect(down.code, down.stderr).toBe(0);
    expect(down.stderr).toContain('found orphan containers (qlife-orphan-leaver-1 of service leaver)');
    expect(down.stderr).toContain('network qlife-orphan_default is still in use');
    const ps = berth('qlife-orphan', 'compose.orphan.yaml', ['ps', '-a', '--format', 'json']).stdout.trim().split('\n').filter((l) => l !== '');
    expect(ps.map((l) => JSON.parse(l) as { Name: string; State: string }).map((c) => `${c.Name} ${c.State}`)).toEqual(['qlife-orphan-leaver-1 running']);
    expect(berth('qlife-orphan', 'compose.orphan-less.yaml', ['down', '-t', '0', '--remove-orphans']).code).toBe(0);
    expect(e2e.leftovers('qlife-orphan')).toEqual([]);
  });

  it('a failed up names the dependency that failed with its last output, since the rollback removes it', () => {
    const up = berth('qlife-job', 'compose.job.yaml', ['up', '-d']);
    expect(up.code).not.toBe(0);
    expect(up.stderr).toContain('error: service app:');
    expect(up.stderr).toContain('container qlife-job-job-1 exited with code 2');
    expect(up.stderr).toContain('migration failed: no table users');
    expect(up.stderr).not.toContain('runtime logs');
    expect(e2e.leftovers('qlife-job')).toEqual([]);
  });

  it('restart of a service restarts the services depending on it with restart: true, and --no-deps does not', () => {
    const run = (args: string[]): RunResult => berth('qlife-restart', 'compose.restart.yaml', args);
    const starts = (service: string): number => run(['logs', '--no-log-prefix', service]).stdout.split('\n').filter((l) => l === `${service} started`).length;
    expect(run(['up', '-d']).code).toBe(0);
    const restarted = run(['restart', '-t', '0', 'db']);
    expect(restarted.code, restarted.stderr).toBe(0);
    expect(restarted.stderr).toContain('Container qlife-restart-web-1  Started');
    expect([starts('db'), starts('web'), starts('other')]).toEqual([2, 2, 1]);
    expect(run(['restart', '-t', '0', '--no-deps', 'db']).code).toBe(0);
    expect([starts('db'), starts('web'), starts('other')]).toEqual([3, 2, 1]);
    expect(run(['down', '-t', '0']).code).toBe(0);
    expect(e2e.leftovers('qlife-restart')).toEqual([]);
  });

  it('up --wait accepts a job that completed for its dependents and fails on a container that exited', () => {
    const run = (args: string[]): RunResult => berth('qlife-wait', 'compose.wait.yaml', args);
    // crashy first, beside the job: the wait starts once the job has completed (0.3 s), long after
    // crashy exited. Started alone it could still be running when --wait looks, and pass, as in Compose.
    const crashed = run(['--profile', 'crash', 'up', '--wait']);
    expect(crashed.code).not.toBe(0);
    expect(crashed.stderr).toContain('container qlife-wait-crashy-1 exited with code 1');
    expect(crashed.stderr).toContain('crashy: cannot bind');
    const ok = run(['up', '--wait']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(run(['--profile', 'crash', 'down', '-t', '0']).code).toBe(0);
    expect(e2e.leftovers('qlife-wait')).toEqual([]);
  });

  it('refuses to move a running service to a host port in use, and leaves it as it was', async () => {
    const listen = async (): Promise<Server> => {
      const server = createServer().listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      return server;
    };
    const portOf = (server: Server): number => (server.address() as AddressInfo).port;
    const free = await listen();
    const first = portOf(free);
    free.close();
    const taken = await listen();
    try {
      const run = (port: number, args: string[]): RunResult => berth('qlife-move', 'compose.port-change.yaml', args, { WEB_PORT: String(port), BERTH_NETWORK_POOL: '10.231.210.0/24' });
      expect(run(first, ['up', '-d']).code).toBe(0);
      const moved = run(portOf(taken), ['up', '-d']);
      expect(moved.code).toBe(4);
      expect(moved.stderr).toContain(`service web: host port 127.0.0.1:${portOf(taken)}/tcp is already in use`);
      expect(run(first, ['ps']).stdout).toContain(`127.0.0.1:${first}->8080/tcp`);
      expect((await (await fetch(`http://127.0.0.1:${first}/`)).text())).toContain('lifecycle page');
      expect(run(first, ['down', '-t', '0']).code).toBe(0);
    } finally {
      taken.close();
    }
    expect(e2e.leftovers('qlife-move')).toEqual([]);
  });

  it('takes COMPOSE_IGNORE_ORPHANS and COMPOSE_REMOVE_ORPHANS as Compose does', () => {
    const run = (file: string, args: string[], env: NodeJS.ProcessEnv = {}): RunResult => berth('qlife-orphenv', file, args, { BERTH_NETWORK_POOL: '10.231.210.0/24', ...env });
    expect(run('compose.orphan.yaml', ['up', '-d']).code).toBe(0);
    const ignored = run('compose.orphan-less.yaml', ['up', '-d'], { COMPOSE_IGNORE_ORPHANS: 'true' });
    expect(ignored.code).toBe(0);
    expect(ignored.stderr).not.toContain('orphan');
    const both = run('compose.orphan-less.yaml', ['up', '-d', '--remove-orphans'], { COMPOSE_IGNORE_ORPHANS: '1' });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('COMPOSE_IGNORE_ORPHANS cannot be combined with --remove-orphans');
    const removed = run('compose.orphan-less.yaml', ['up', '-d', '-t', '0', '--progress', 'plain'], { COMPOSE_REMOVE_ORPHANS: 'true' });
    expect(removed.stderr).toContain('Container qlife-orphenv-leaver-1  Removed');
    expect(run('compose.orphan-less.yaml', ['down', '-t', '0']).code).toBe(0);
    expect(e2e.leftovers('qlife-orphenv')).toEqual([]);
  });

  it('two ups of one project at once both succeed, one after the other', async () => {
    const env = { BERTH_NETWORK_POOL: '10.231.211.0/24' };
    const first = e2e.start('lifecycle', 'qlife-twice', ['-f', 'compose.orphan.yaml', 'up', '-d'], env);
    const firstCode = new Promise<number | null>((resolve) => first.once('exit', resolve));
    const second = berth('qlife-twice', 'compose.orphan.yaml', ['up', '-d'], env);
    expect(await firstCode).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    const ps = berth('qlife-twice', 'compose.orphan.yaml', ['ps', '--format', 'json'], env).stdout.trim().split('\n');
    expect(ps.map((l) => (JSON.parse(l) as { Name: string; State: string }).State)).toEqual(['running', 'running']);
    expect(berth('qlife-twice', 'compose.orphan.yaml', ['down', '-t', '0'], env).code).toBe(0);
    expect(e2e.leftovers('qlife-twice')).toEqual([]);
  });

  it('refuses a fixed host port that two containers of the project would share, before changing anything', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const run = (args: string[]): RunResult => berth('qlife-clash', 'compose.clash.yaml', args, { WEB_PORT: String(port), BERTH_NETWORK_POOL: '10.231.211.0/24' });
    expect(run(['up', '-d']).code).toBe(0);
    const scaled = run(['up', '-d', '--scale', 'web=2']);
    expect(scaled.code).toBe(4);
    expect(scaled.stderr).toContain(`service web: its 2 containers cannot all publish host port 127.0.0.1:${port}/tcp`);
    const clash = run(['--profile', 'clash', 'up', '-d']);
    expect(clash.code).toBe(4);
    expect(clash.stderr).toContain(`services web and other both publish host port 127.0.0.1:${port}/tcp`);
    expect(run(['ps', '-q']).stdout.trim().split('\n')).toHaveLength(1);
    expect(run(['down', '-t', '0']).code).toBe(0);
    expect(e2e.leftovers('qlife-clash')).toEqual([]);
  });

  it('refuses a container_name another project uses, naming it, and changes nothing', () => {
    expect(berth('qlife-name1', 'compose.named.yaml', ['up', '-d']).code).toBe(0);
    const second = berth('qlife-name2', 'compose.named.yaml', ['up', '-d']);
    expect(second.code).toBe(4);
    expect(second.stderr).toContain('service named: container name qlife-fixed-name is already in use by project qlife-name1\'s container');
    expect(e2e.leftovers('qlife-name2')).toEqual([]);
    expect(berth('qlife-name1', 'compose.named.yaml', ['ps', '--format', 'json']).stdout).toContain('"State":"running"');
    expect(berth('qlife-name1', 'compose.named.yaml', ['down', '-t', '0']).code).toBe(0);
    expect(e2e.leftovers('qlife-name1')).toEqual([]);
  });
});

