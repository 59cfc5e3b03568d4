/**
 * `berth watch` and `berth up --watch` end to end, as real processes on a copy of fixtures/e2e/watch (a
 * busybox httpd): sync of changed, new, deleted and renamed files checked over HTTP, ignored and editor
 * temp files never synced, sync+restart and restart giving a new process at the same address (and the
 * dependent with depends_on.restart restarted), a 1,000-file burst restarting once, sync+exec once per
 * batch, Ctrl-C, initial_sync after files changed while watch was not running, and `down` leaving nothing; then `rebuild` with --prune on fixtures/e2e/watch/rebuild, a
 * rebuild rule refused on a service without `build`, and a sync to a stopped service warned about.
 * No timings are asserted; the polls only bound a hang.
 */
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitOf, makeE2e, waitForOutput, type E2e } from './test-support/e2e-harness.js';

const PROJECT = 'e2e-watch-sync';

/** How `child` ended: `code 0`, or `signal SIGINT`. */
async function endOf(child: ChildProcess): Promise<string> {
  await exitOf(child);
  return child.signalCode === null ? `code ${child.exitCode}` : `signal ${child.signalCode}`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    }).on('error', reject);
  });
}

async function get(port: number, path: string): Promise<{ status: number; body: string }> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: response.status, body: await response.text() };
  } catch {
    return { status: 0, body: '' };
  }
}

/** Polls `check` until it holds; fails after 15 s (a hang, not a latency check). */
async function until(what: string, check: () => boolean | Promise<boolean>, detail?: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${detail === undefined ? '' : `; output:\n${detail()}`}`);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
}

describe.skipIf(process.getuid?.() !== 0)('berth watch end to end (needs root)', () => {
  let e2e: E2e;
  let proj: string;
  let port: number;
  let watch: ChildProcess | undefined;
  let output = '';
  const env = (): NodeJS.ProcessEnv => ({ WEB_PORT: String(port) });
  const args = (...rest: string[]): string[] => ['-f', join(proj, 'compose.yaml'), ...rest];
  const startWatch = async (...rest: string[]): Promise<ChildProcess> => {
    const child = e2e.start('watch', PROJECT, args('watch', ...rest), env());
    output = '';
    child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    await waitForOutput(child, /Watch enabled/, 30_000);
    return child;
  };
  /** A running container's pid and start time (zero while it restarts: started.json is rewritten). */
  const started = (service = 'web'): { pid: number; pidStart: number } => {
    const dir = (id: string): string => join(e2e.env['BERTH_RUN']!, 'containers', id);
    const named = (i: string): boolean => (JSON.parse(readFileSync(join(dir(i), 'state.json'), 'utf8')) as { name: string }).name === `${PROJECT}-${service}-1`;
    const id = e2e.snapshot(PROJECT).ids.find(named) ?? 'none';
    try {
      return JSON.parse(readFileSync(join(dir(id), 'started.json'), 'utf8')) as { pid: number; pidStart: number };
    } catch {
      return { pid: 0, pidStart: 0 };
    }
  };
  const address = (): string => e2e.run('watch', PROJECT, args('exec', 'web', 'ip', '-o', '-4', 'addr', 'show', 'eth0'), env()).stdout.split(/\s+/)[3] ?? '';
  const served = async (path: string, body: string): Promise<boolean> => (await get(port, path)).body === body;

  beforeAll(async () => {
    e2e = makeE2e('watch');
    proj = join(e2e.dir, 'proj');
    cpSync(join(process.cwd(), 'fixtures', 'e2e', 'watch'), proj, { recursive: true });
    port = await freePort();
  });
  afterAll(async () => {
    if (watch !== undefined && watch.exitCode === null) {
      watch.kill('SIGKILL');
      await exitOf(watch);
    }
    e2e?.cleanup();
  });

  it('runs up, reports the broken rule, syncs initially, then changed, new, deleted and renamed files', async () => {
    watch = await startWatch();
    expect(output).toContain('services.web.develop.watch[4]: path');
    await until('the initial sync', () => served('/index.html', '<h1>v1</h1>\n'));
    writeFileSync(join(proj, 'www', 'index.html'), '<h1>v2</h1>\n');
    await until('the changed file', () => served('/index.html', '<h1>v2</h1>\n'));
    writeFileSync(join(proj, 'www', 'new.html'), 'new\n');
    await until('the new file', () => served('/new.html', 'new\n'));
    rmSync(join(proj, 'www', 'new.html'));
    await until('the deleted file to vanish', async () => (await get(port, '/new.html')).status === 404);
    writeFileSync(join(proj, 'www', 'before.html'), 'moved\n');
    await until('the file to rename', () => served('/before.html', 'moved\n'));
    renameSync(join(proj, 'www', 'before.html'), join(proj, 'www', 'after.html'));
    await until('the renamed file', async () => (await served('/after.html', 'moved\n')) && (await get(port, '/before.html')).status === 404);
    await until('the batch line', () => /web {2}1 file synced in \d+ ms/.test(output), () => output);
  });

  it('never syncs ignored or editor temp files', async () => {
    mkdirSync(join(proj, 'www', 'private'), { recursive: true });
    for (const name of ['private/secret.txt', 'draft.tmp', '.index.html.swp', 'index.html~', '.#index.html', '4913', 'index.html___jb_tmp___']) writeFileSync(join(proj, 'www', name), 'no\n');
    writeFileSync(join(proj, 'www', 'marker.html'), 'yes\n');
    await until('the marker', () => served('/marker.html', 'yes\n'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const listing = e2e.run('watch', PROJECT, args('exec', 'web', 'ls', '-a', '/srv/www'), env()).stdout.split('\n').filter((l) => l !== '');
    expect(listing.sort()).toEqual(['.', '..', 'after.html', 'index.html', 'marker.html']);
  });

  it('sync+restart and restart start a new process at the same address', async () => {
    const before = { process: started(), address: address() };
    expect(before.address).toMatch(/^10\.231\./);
    writeFileSync(join(proj, 'conf', 'app.conf'), 'greeting=restarted\n');
    await until('the restarted service to serve the new file', async () => ![0, before.process.pid].includes(started().pid) && served('/conf/app.conf', 'greeting=restarted\n'));
    const afterSync = started();
    expect(afterSync.pidStart).not.toBe(before.process.pidStart);
    expect(address()).toBe(before.address);
    const follower = started('follower').pid;
    expect(follower).not.toBe(0);
    writeFileSync(join(proj, 'trigger', 'stamp'), '1\n');
    await until('the restart', () => ![0, afterSync.pid].includes(started().pid));
    await until('the dependent\'s restart', () => ![0, follower].includes(started('follower').pid));
    await until('the note', () => output.includes(`web  note: restarted dependents: ${PROJECT}-follower-1`), () => output);
    await until('the service to answer', async () => (await get(port, '/index.html')).status === 200);
    expect(address()).toBe(before.address);
    await until('the batch lines', () => /web {2}1 file synced \+ restarted in \d+ ms/.test(output) && /web {2}1 file restarted in \d+ ms/.test(output), () => output);
  });

  it('turns a 1,000-file burst into one restart', async () => {
    const restarts = (): number => output.split('\n').filter((l) => / restarted in /.test(l)).length;
    const before = restarts();
    await until('the service to run', () => started().pid !== 0);
    const pid = started().pid;
    for (let i = 0; i < 1000; i++) writeFileSync(join(proj, 'trigger', `burst-${i}`), String(i));
    await until('the burst\'s batch line', () => output.includes('web  1000 files restarted in'), () => output.slice(-2000));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(restarts()).toBe(before + 1);
    await until('the restarted process', () => ![0, pid].includes(started().pid));
  });

  it('runs sync+exec once per batch and shows its output', async () => {
    const execs = (): number => output.split('\n').filter((l) => l.includes('exec sh -c ls /srv/hooks')).length;
    for (const name of ['two', 'three', 'four']) writeFileSync(join(proj, 'hooks', name), `${name}\n`);
    await until('the exec line', () => execs() === 1 && output.includes(`${PROJECT}-web-1  | 3`));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(execs()).toBe(1);
  });

  it('ends on Ctrl-C leaving the services up; initial_sync brings files changed meanwhile', async () => {
    watch!.kill('SIGINT');
    expect(await endOf(watch!)).toBe('code 0');
    expect(await served('/index.html', '<h1>v2</h1>\n')).toBe(true);
    writeFileSync(join(proj, 'www', 'index.html'), '<h1>offline edit</h1>\n');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await served('/index.html', '<h1>v2</h1>\n')).toBe(true);
    watch = await startWatch('--no-up');
    await until('the initial sync of the offline edit', () => served('/index.html', '<h1>offline edit</h1>\n'));
    watch.kill('SIGINT');
    expect(await endOf(watch)).toBe('code 0');
  });

  it('down leaves nothing behind', () => {
    const snapshot = e2e.snapshot(PROJECT);
    expect(e2e.run('watch', PROJECT, args('down', '-t', '0'), env()).code).toBe(0);
    expect(e2e.leftovers(PROJECT, snapshot)).toEqual([]);
  });

  it('up --watch watches while attached, and Ctrl-C stops both', async () => {
    const project = 'e2e-watch-up';
    const child = e2e.start('watch', project, args('up', '--watch'), env());
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => { seen += chunk.toString(); });
    child.stderr?.on('data', (chunk: Buffer) => { seen += chunk.toString(); });
    try {
      await until('watch to start', () => seen.includes('Watch enabled'), () => seen);
      writeFileSync(join(proj, 'www', 'index.html'), '<h1>attached</h1>\n');
      await until('the sync', () => served('/index.html', '<h1>attached</h1>\n'));
      const snapshot = e2e.snapshot(project);
      child.kill('SIGINT');
      expect(await endOf(child)).toBe('code 0');
      const ps = e2e.run('watch', project, args('ps', '-a', '--format', 'json'), env());
      expect(ps.stdout).toContain('exited');
      expect(e2e.run('watch', project, args('down', '-t', '0'), env()).code).toBe(0);
      expect(e2e.leftovers(project, snapshot)).toEqual([]);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });

  it('fails with Compose\'s message when no selected service has develop.watch', () => {
    const result = e2e.run('basic', 'e2e-watch-none', ['watch', '--no-up'], { WEB_PORT: '1' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('none of the selected services is configured for watch');
  });
});

describe.skipIf(process.getuid?.() !== 0)('berth watch rebuild end to end (needs root)', () => {
  const project = 'e2e-watch-rebuild';
  let e2e: E2e;
  let proj: string;
  let port: number;
  let watch: ChildProcess | undefined;
  let output = '';
  const env = (): NodeJS.ProcessEnv => ({ WEB_PORT: String(port) });
  const args = (...rest: string[]): string[] => ['-f', join(proj, 'compose.yaml'), ...rest];

  beforeAll(async () => {
    e2e = makeE2e('watch-rebuild');
    proj = join(e2e.dir, 'proj');
    cpSync(join(process.cwd(), 'fixtures', 'e2e', 'watch', 'rebuild'), proj, { recursive: true });
    port = await freePort();
  });
  afterAll(async () => {
    if (watch !== undefined && watch.exitCode === null && watch.signalCode === null) {
      watch.kill('SIGKILL');
      await exitOf(watch);
    }
    e2e?.cleanup();
  });

  it('rebuilds and recreates the service, prunes the replaced image, and reports the bad rules', async () => {
    watch = e2e.start('watch', project, args('watch', '--prune', '--quiet'), env());
    watch.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    watch.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    await waitForOutput(watch, /Watch enabled/, 60_000);
    expect(output).toContain('services.plain.develop.watch[0]: action rebuild needs a `build` section in service plain');
    await until('the built page', async () => (await get(port, '/')).body === 'built one\n');
    const images = (): string => e2e.run('watch', project, args('images', '-a'), env()).stdout;
    expect(images()).not.toContain('<none>');
    writeFileSync(join(proj, 'site', 'page.html'), 'built two\n');
    await until('the rebuilt page', async () => (await get(port, '/')).body === 'built two\n', () => output);
    await until('the batch line', () => /site {2}1 file rebuilt in \d+ ms/.test(output), () => output);
    await until('the prune note', () => output.includes('site  note: pruned the replaced image'), () => output);
    expect(images()).not.toContain('<none>');
  });

  it('syncs the service without build, and warns once it is stopped', async () => {
    writeFileSync(join(proj, 'notes', 'b.txt'), 'b\n');
    await until('the sync', () => output.includes('plain  1 file synced in'), () => output);
    expect(e2e.run('watch', project, args('exec', 'plain', 'cat', '/notes/b.txt'), env()).stdout).toBe('b\n');
    expect(e2e.run('watch', project, args('stop', '-t', '0', 'plain'), env()).code).toBe(0);
    writeFileSync(join(proj, 'notes', 'c.txt'), 'c\n');
    await until('the warning', () => output.includes('service plain has no running container'), () => output);
    watch!.kill('SIGINT');
    expect(await endOf(watch!)).toBe('code 0');
    const snapshot = e2e.snapshot(project);
    expect(e2e.run('watch', project, args('down', '-t', '0'), env()).code).toBe(0);
    expect(e2e.leftovers(project, snapshot)).toEqual([]);
  });
});
