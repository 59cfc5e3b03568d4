/**
 * The everyday verbs against Docker Compose's flags and output, end to end on the verbs fixture: `ps`
 * with Compose's status words, --status/--filter, templates and one-off containers under -a; `ls` -a,
 * --filter and --format; short errors for unknown services and filters; the exit codes of exec and run
 * for commands that cannot run; the executable's own --env-file and a closed pipe; create, start and
 * wait --down-project; --dry-run on the lifecycle verbs; images' JSON and templates; logs -f ending;
 * exec/run -it; restart's dependents. One project is brought up once and taken down at the end.
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installRoot } from '../../sys/install-root.js';
import { makeE2e, type E2e, type RunResult } from './test-support/e2e-harness.js';

const PROJECT = 'e2e-verbs';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

describe.skipIf(process.getuid?.() !== 0)('everyday verbs end to end (needs root)', () => {
  let e2e: E2e;
  let env: NodeJS.ProcessEnv;
  const berth = (...args: string[]): RunResult => e2e.run('verbs', PROJECT, args, env);
  beforeAll(async () => {
    e2e = makeE2e('verbs');
    env = { VERBS_PORT: String(await freePort()) };
    // --wait fails on a container that exits, as Compose's does: web is waited for, done is seen out with `wait`.
    const up = berth('up', '-d', '--wait', '--progress', 'quiet', 'web');
    expect(up.code, up.stderr).toBe(0);
    expect(berth('up', '-d', '--progress', 'quiet', 'done').code).toBe(0);
    expect(berth('wait', 'done').code).toBe(3);
  });
  afterAll(() => e2e?.cleanup());

  it('ps speaks Compose: Up/Exited status text, COMMAND column, --status, --filter and templates', () => {
    const table = berth('ps', '-a').stdout;
    expect(table.split('\n')[0]).toMatch(/^NAME +IMAGE +COMMAND +SERVICE +CREATED +STATUS +PORTS$/);
    expect(table).toMatch(/e2e-verbs-web-1 .* "sh -c echo web read…" +web .* ago +Up .* \(healthy\) +127\.0\.0\.1:\d+->80\/tcp/);
    expect(table).toMatch(/e2e-verbs-done-1 .* Exited \(3\) .* ago/);
    expect(berth('ps', '--status', 'exited', '--format', '{{.Name}} {{.ExitCode}}').stdout).toBe('e2e-verbs-done-1 3\n');
    expect(berth('ps', '--filter', 'status=running', '-q').stdout.trim().split('\n')).toHaveLength(1);
    expect(berth('ps', '--format', 'table {{.Service}}\\t{{.Health}}').stdout).toMatch(/^SERVICE +HEALTH\nweb +healthy\n$/);
    const json = JSON.parse(berth('ps', '--format', 'json', 'web').stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ Project: PROJECT, Service: 'web', State: 'running', Health: 'healthy', Publishers: [{ URL: '127.0.0.1', TargetPort: 80, Protocol: 'tcp' }] });
  });

  it('ls lists running projects, -a stopped ones too, with --filter name= and templates', () => {
    expect(berth('ls', '--format', '{{.Name}} {{.Status}}').stdout).toBe(`${PROJECT} running(1)\n`);
    expect(berth('ls', '-a', '--filter', `name=${PROJECT}`, '--format', 'json').stdout).toContain(`"Status":"exited(1), running(1)"`);
    expect(berth('ls', '--filter', 'name=nothing-like-it', '-q').stdout).toBe('');
    expect(berth('ls', '--filter', 'status=running').stderr).toContain('filter status=running is not supported');
  });

  it('logs -f ends once the followed containers ended for good, and --index names a missing replica', () => {
    const started = Date.now();
    const followed = berth('logs', '-f', 'done');
    expect({ code: followed.code, stdout: followed.stdout }).toEqual({ code: 0, stdout: 'done-1  | finished\n' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(berth('logs', '--index', '1', 'done').stdout).toBe('done-1  | finished\n');
    const missing = berth('logs', '--index', '2', 'done');
    expect({ code: missing.code, stderr: missing.stderr }).toEqual({ code: 3, stderr: expect.stringContaining('service done of project e2e-verbs has no replica 2') });
  });

  it('images gives Compose\'s JSON keys and takes templates', () => {
    const json = JSON.parse(berth('images', '--format', 'json', 'web').stdout) as unknown[];
    expect(json).toEqual([expect.objectContaining({ ContainerName: 'e2e-verbs-web-1', Repository: 'berth.local/busybox', Tag: 'latest', ID: expect.stringMatching(/^sha256:/) })]);
    expect(berth('images', '--format', '{{.ContainerName}} {{.Repository}}:{{.Tag}}', 'web').stdout).toBe('e2e-verbs-web-1 berth.local/busybox:latest\n');
  });

  it('takes --dry-run before the verb or after it, says what it would do and changes nothing', () => {
    for (const args of [['--dry-run', 'stop'], ['stop', '--dry-run'], ['--dry-run', 'kill'], ['pause', '--dry-run'], ['--dry-run', 'rm', '-f', 'web']]) {
      const r = berth(...args);
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: expect.stringMatching(/^ DRY-RUN MODE - {2}Container e2e-verbs-web-1 {2}\w+\n/) });
    }
    expect(berth('--dry-run', 'down').stdout).toContain('remove-container');
    expect(berth('kill', '--dry-run', 'done').stderr).toBe('no container to kill\n');
    expect(berth('ps', '--format', '{{.Name}} {{.State}}').stdout).toBe('e2e-verbs-web-1 running\n');
  });

  it('takes exec -it and run -it, -P, --cap-add, --cap-drop and --pull as Compose users type them', () => {
    expect(berth('exec', '-it', 'web', 'echo', 'hi')).toMatchObject({ code: 0, stdout: 'hi\n' });
    const caps = berth('run', '--rm', '-it', '-P', '--no-deps', '--cap-add', 'NET_ADMIN', '--cap-drop', 'CHOWN', 'done', 'grep', 'CapEff', '/proc/self/status');
    expect(caps.code, caps.stderr).toBe(0);
    const effective = BigInt(`0x${caps.stdout.split(':')[1]!.trim()}`);
    expect({ netAdmin: (effective >> 12n) & 1n, chown: effective & 1n }).toEqual({ netAdmin: 1n, chown: 0n });
    expect(berth('run', '--rm', '-T', '--no-deps', '--pull', 'never', 'done', 'true').code).toBe(0);
  });

  it('refuses a bad --ansi value in a short message', () => {
    const bad = berth('--ansi', 'bogus', 'ps');
    expect({ code: bad.code, stderr: bad.stderr }).toEqual({ code: 2, stderr: expect.stringContaining("argument 'bogus' is invalid. Allowed choices are never, always, auto.") });
  });

  it('ps lists running one-off containers only with -a, and refuses unknown services and filters', () => {
    const run = berth('run', '-d', 'done', 'sleep', '30');
    expect(run.code, run.stderr).toBe(0);
    const name = run.stdout.trim();
    expect(berth('ps').stdout).not.toContain(name);
    expect(berth('ps', '-a').stdout).toContain(name);
    const unknown = berth('ps', 'nosuch');
    expect({ code: unknown.code, stderr: unknown.stderr }).toEqual({ code: 3, stderr: expect.stringContaining('no such service: nosuch') });
    expect(berth('ps', '--filter', 'name=web').stderr).toContain('filter name=web is not supported');
    expect(berth('ps', '--format', '{{.Nmae}}').stderr).toContain('--format names field .Nmae');
  });

  it('exec and run end with 127 for a missing command and 126 for one that cannot run, exec refuses a paused container, and run --rm leaves nothing', () => {
    const missing = berth('exec', '-T', 'web', 'nosuchcmd');
    expect({ code: missing.code, stderr: missing.stderr }).toEqual({ code: 127, stderr: expect.stringContaining('cannot run "nosuchcmd" in container e2e-verbs-web-1: executable file not found in $PATH') });
    expect(berth('exec', '-T', 'web', '/etc/passwd').code).toBe(126);
    expect(berth('exec', '-T', 'web', 'sh', '-c', 'exit 7').code).toBe(7);
    expect(berth('pause', 'web').code).toBe(0);
    try {
      const paused = berth('exec', '-T', 'web', 'true');
      expect({ code: paused.code, stderr: paused.stderr }).toEqual({ code: 5, stderr: expect.stringContaining('container e2e-verbs-web-1 is paused') });
    } finally {
      berth('unpause', 'web');
    }
    const before = berth('ps', '-a', '-q').stdout;
    const run = berth('run', '--rm', '-T', '--no-deps', 'done', 'nosuchcmd');
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 127, stderr: expect.stringMatching(/cannot run "nosuchcmd" in container e2e-verbs-done-run-[0-9a-f]{12}: executable/) });
    expect(berth('ps', '-a', '-q').stdout).toBe(before);
  });

  it('runs as an executable that takes --env-file itself, and ends quietly when its reader goes away', () => {
    const bin = join(installRoot(), 'bin', 'berth.js');
    const missing = spawnSync(bin, ['-p', PROJECT, '--env-file', 'missing.env', 'ps'], { cwd: e2e.dir, env: e2e.env, encoding: 'utf8' });
    expect({ code: missing.status, stderr: missing.stderr }).toEqual({ code: 3, stderr: expect.stringContaining('env file missing.env does not exist') });
    const piped = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" -p ${PROJECT} logs web | true`], { cwd: e2e.dir, env: e2e.env, encoding: 'utf8' });
    expect({ code: piped.status, stderr: piped.stderr }).toEqual({ code: 0, stderr: '' });
    for (const flag of ['-v', '--version']) expect(spawnSync(bin, [flag], { encoding: 'utf8' }).stdout).toMatch(/^berth version \S+/);
  });

  it('create makes containers without starting them, start runs them supervised, wait --down-project takes the project down', async () => {
    const lifeEnv = { VERBS_PORT: String(await freePort()) };
    const life = (...args: string[]): RunResult => e2e.run('verbs', 'e2e-verbs-life', args, lifeEnv);
    const created = life('create', '--progress', 'plain');
    expect(created.code, created.stderr).toBe(0);
    expect(created.stderr).toContain('Container e2e-verbs-life-web-1  Created');
    expect(life('ps', '-a', '--format', '{{.Service}} {{.State}}').stdout).toBe('done created\nweb created\n');
    expect(life('start').code).toBe(0);
    const snapshot = e2e.snapshot('e2e-verbs-life');
    const ps = life('ps', '--format', '{{.Service}} {{.State}}');
    expect({ stdout: ps.stdout, stderr: ps.stderr }).toEqual({ stdout: 'web running\n', stderr: '' });
    const waited = life('wait', '--down-project', 'done');
    expect({ code: waited.code, stdout: waited.stdout }).toEqual({ code: 3, stdout: '3\n' });
    expect(life('ps', '-a', '-q').stdout).toBe('');
    expect(e2e.leftovers('e2e-verbs-life', snapshot)).toEqual([]);
  });

  it('restart takes along the services that depend with restart: true, unless --no-deps', () => {
    const project = 'e2e-verbs-restart';
    const r = (...args: string[]): RunResult => e2e.run('verbs-restart', project, args);
    expect(r('up', '-d', '--progress', 'quiet').code).toBe(0);
    expect(r('restart', '--dry-run', 'db').stderr).toBe(' DRY-RUN MODE -  Container e2e-verbs-restart-api-1  Started\n DRY-RUN MODE -  Container e2e-verbs-restart-db-1  Started\n');
    expect(r('restart', '--dry-run', '--no-deps', 'db').stderr).toBe(' DRY-RUN MODE -  Container e2e-verbs-restart-db-1  Started\n');
    const restarted = r('restart', '-t', '0', 'db');
    expect(restarted.code, restarted.stderr).toBe(0);
    expect(restarted.stderr).toContain('Container e2e-verbs-restart-api-1  Started');
    expect(r('ps', '--format', '{{.Service}} {{.State}}').stdout).toBe('api running\nbatch running\ndb running\n');
    expect(r('down', '-t', '0').code).toBe(0);
  });
});
