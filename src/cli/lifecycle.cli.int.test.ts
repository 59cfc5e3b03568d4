/**
 * The lifecycle verbs through the built CLI (`npm run build` first) on containers labelled as a project's
 * (verb-fixture): stop/start/restart/kill/rm, pause/unpause (checked in the freezer), top, stats
 * --no-stream, port and wait, each checked from outside in the records and /proc. No supervisor runs here, so
 * the verbs act on the runtime directly. Project vb-lc, cgroups under berth/vb-lc.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observeContainer } from '../runtime/container/index.js';
import { ensureVolume, listVolumes, VOLUME_LABELS } from '../runtime/volume/index.js';
import { writeSupervisionSpec } from '../supervisor/index.js';
import { makeVerbFixture, type VerbFixture } from './test-support/verb-fixture.js';

const TRAP = 'trap "exit 0" TERM; trap "exit 10" USR1; while true; do sleep 0.1; done';

const until = async (check: () => boolean): Promise<void> => {
  const deadline = Date.now() + 5000;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
};

describe.skipIf(process.getuid?.() !== 0)('berth lifecycle verbs (needs root)', () => {
  let f: VerbFixture;
  const status = (id: string) => observeContainer(f.ctx.roots, id)?.status;
  beforeAll(async () => {
    f = makeVerbFixture('lc');
    await f.container('web', ['sh', '-c', TRAP]);
    await f.container('web', ['sh', '-c', TRAP], { number: 2 });
    await f.container('db', ['sleep', '60']);
  });
  afterAll(async () => { await f?.cleanup(); });

  it('stops all, then starts one service again, and restarts a service', () => {
    const stopped = f.berth('stop', '-t', '1');
    expect(stopped.status).toBe(0);
    expect(stopped.stderr).toContain('Container vb-lc-web-1  Stopped');
    expect(['vb-lc-web-1', 'vb-lc-web-2', 'vb-lc-db-1'].map(status)).toEqual(['exited', 'exited', 'exited']);
    expect(observeContainer(f.ctx.roots, 'vb-lc-web-1')?.exit?.code).toBe(0);
    expect(f.berth('start', 'web').status).toBe(0);
    expect(['vb-lc-web-1', 'vb-lc-web-2', 'vb-lc-db-1'].map(status)).toEqual(['running', 'running', 'exited']);
    const before = observeContainer(f.ctx.roots, 'vb-lc-web-1')?.record.pid;
    expect(f.berth('restart', '-t', '1', 'web').status).toBe(0);
    expect(status('vb-lc-web-1')).toBe('running');
    expect(observeContainer(f.ctx.roots, 'vb-lc-web-1')?.record.pid).not.toBe(before);
  });

  it('kills with a chosen signal and one replica with --index', async () => {
    expect(f.berth('kill', '-s', 'USR1', '--index', '2', 'web').status).toBe(0);
    await until(() => status('vb-lc-web-2') === 'exited');
    expect(observeContainer(f.ctx.roots, 'vb-lc-web-2')?.exit?.code).toBe(10);
    expect(status('vb-lc-web-1')).toBe('running');
    expect(f.berth('kill', '-s', 'NOPE', 'web').stderr).toContain('unknown signal NOPE');
  });

  it('pauses and unpauses through the freezer', () => {
    const cgroup = f.ctx.cgroups.open(`vb-lc/vb-lc-web-1`)!;
    const freezer = cgroup.dirs.find((d) => d.includes('/freezer/'));
    expect(f.berth('pause', 'web').status).toBe(0);
    if (freezer !== undefined) expect(readFileSync(`${freezer}/freezer.state`, 'utf8').trim()).toBe('FROZEN');
    expect(f.berth('unpause', 'web').status).toBe(0);
    if (freezer !== undefined) expect(readFileSync(`${freezer}/freezer.state`, 'utf8').trim()).toBe('THAWED');
  });

  it('shows processes with top and usage with stats --no-stream', () => {
    const pid = observeContainer(f.ctx.roots, 'vb-lc-web-1')!.record.pid!;
    const top = f.berth('top', 'web');
    expect(top.stdout).toMatch(/^vb-lc-web-1\nUID +PID +PPID +RSS +TIME +CMD\n/);
    expect(top.stdout).toMatch(new RegExp(`\\n0 +${pid} +\\d+ +\\d+k +00:00:\\d\\d +sh -c trap`));
    const stats = f.berth('stats', '--no-stream', 'web');
    expect(stats.stdout).toMatch(/^CONTAINER ID +NAME +CPU % +MEM USAGE \/ LIMIT +MEM % +PIDS\n/);
    expect(stats.stdout).toMatch(/vb-lc-web-1 +\d+\.\d\d% +[\d.]+(B|KiB|MiB) \/ 64\.00MiB +\d+\.\d\d% +\d+\n/);
    const json = JSON.parse(f.berth('stats', '--no-stream', '--format', 'json', 'web').stdout) as { Name: string; PIDs: string; MemUsage: string };
    expect(json).toEqual(expect.objectContaining({ Name: 'vb-lc-web-1', MemUsage: expect.stringMatching(/ \/ 64\.00MiB$/) }));
    expect(Number(json.PIDs)).toBeGreaterThanOrEqual(1);
    expect(f.berth('stats', '--no-stream', '--format', '{{.Name}}: {{.PIDs}}', 'web').stdout).toMatch(/^vb-lc-web-1: \d+\n$/);
  });

  it('prints the host address of a published port, and says when a port is not published', () => {
    writeSupervisionSpec(f.ctx.roots, {
      v: 1, project: f.project, containers: [], networks: [],
      ports: [{ protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 18080, containerIp: '10.0.0.2', containerPort: 80, container: 'vb-lc-web-1' }],
    });
    expect(f.berth('port', 'web', '80').stdout).toBe('127.0.0.1:18080\n');
    expect(f.berth('port', 'web', '80', '--protocol', 'udp').stderr).toContain('port 80/udp of vb-lc-web-1 is not published');
  });

  it('waits for a container and passes its exit code', async () => {
    await f.container('job', ['sh', '-c', 'sleep 0.5; exit 4']);
    const waited = f.berth('wait', 'job');
    expect(waited.stdout).toBe('4\n');
    expect(waited.status).toBe(4);
  });

  it('refuses to remove a running container, removes it with -s or -f (-v: its anonymous volumes), leaving no record or cgroup', async () => {
    const refused = f.berth('rm', 'web');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/containers? vb-lc-web-1.* running/);
    const removed = f.berth('rm', '-s', 'web');
    expect(removed.stderr).toContain('Container vb-lc-web-1  Removed');
    expect(removed.status).toBe(0);
    expect(status('vb-lc-web-1')).toBeUndefined();
    expect(status('vb-lc-web-2')).toBeUndefined();
    expect(f.ctx.cgroups.open('vb-lc/vb-lc-web-1')).toBeUndefined();
    const named = { [VOLUME_LABELS.anonymous]: '', [VOLUME_LABELS.container]: 'vb-lc-db-1', [VOLUME_LABELS.target]: '/data' };
    await ensureVolume(f.ctx.roots, { name: 'vb-lc-anon', labels: named, project: f.project });
    await ensureVolume(f.ctx.roots, { name: 'vb-lc-named', project: f.project });
    expect(f.berth('rm', '--force', '-v').status).toBe(0);
    expect(listVolumes(f.ctx.roots).map((v) => v.name)).toEqual(['vb-lc-named']);
    expect(status('vb-lc-db-1')).toBeUndefined();
    expect(f.berth('rm').stderr).toBe('No stopped containers\n');
  });
});
