/**
 * `berth up` and `berth down` end to end, as real processes on the basic fixture: a published port
 * answering on loopback, a worker reaching the web server by name after it turned healthy, a second up
 * changing nothing, a changed service recreated alone, volumes kept by down and removed by down -v, two
 * projects side by side, and nothing left behind.
 */
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeE2e, type E2e } from './test-support/e2e-harness.js';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

async function get(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/`);
  return response.text();
}

describe.skipIf(process.getuid?.() !== 0)('up and down end to end (needs root)', () => {
  let e2e: E2e;
  let port: number;
  beforeAll(async () => {
    e2e = makeE2e('updown');
    port = await freePort();
  });
  afterAll(() => e2e?.cleanup());

  it('brings the project up, answers on the published port, and a second up changes nothing', async () => {
    const env = { WEB_PORT: String(port) };
    const up = e2e.run('basic', 'e2e-basic', ['up', '-d', '--wait', '--progress', 'plain'], env);
    expect(up.stderr).toContain('Container e2e-basic-web-1  Started');
    expect(up.code).toBe(0);
    expect(await get(port)).toContain('e2e page');
    const ps = e2e.run('basic', 'e2e-basic', ['ps'], env);
    expect(ps.stdout).toMatch(/e2e-basic-web-1 .* Up .* \(healthy\) +127\.0\.0\.1:\d+->8080\/tcp/);
    expect(ps.stdout).toContain('e2e-basic-worker-1');
    const again = e2e.run('basic', 'e2e-basic', ['up', '-d'], env);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('nothing to do: 2 containers up to date');
  });

  it('refuses a published port already in use, naming the service', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => taken.once('listening', resolve));
    try {
      const address = taken.address();
      const busy = typeof address === 'object' && address !== null ? address.port : 0;
      const up = e2e.run('basic', 'e2e-busy', ['up', '-d'], { WEB_PORT: String(busy) });
      expect(up.code).toBe(4);
      expect(up.stderr).toContain('service web:');
      expect(e2e.leftovers('e2e-busy')).toEqual([]);
    } finally {
      taken.close();
    }
  });

  it('recreates only the changed service', () => {
    const env = { WEB_PORT: String(port), MESSAGE: 'changed' };
    const dry = e2e.run('basic', 'e2e-basic', ['up', '--dry-run'], env);
    expect(dry.stdout).toContain('create-container service:worker:1');
    expect(dry.stdout).toContain('(config hash changed)');
    expect(dry.stdout).not.toContain('service:web:1');
    const up = e2e.run('basic', 'e2e-basic', ['up', '-d', '--progress', 'plain'], env);
    expect(up.code).toBe(0);
    expect(up.stderr).toContain('Container e2e-basic-worker-1  Removed');
    expect(up.stderr).not.toContain('e2e-basic-web-1');
  });

  it('runs a second project beside the first without touching it', async () => {
    const other = await freePort();
    const up = e2e.run('basic', 'e2e-basic2', ['up', '-d', '--wait'], { WEB_PORT: String(other) });
    expect(up.code, up.stderr).toBe(0);
    expect(await get(other)).toContain('e2e page');
    const before = e2e.snapshot('e2e-basic2');
    const down = e2e.run('basic', 'e2e-basic2', ['down', '-v'], { WEB_PORT: String(other) });
    expect(down.code, down.stderr).toBe(0);
    expect(e2e.leftovers('e2e-basic2', before)).toEqual([]);
    expect(await get(port)).toContain('e2e page');
  });

  it('a down under other state roots leaves a same-named project of these roots running', async () => {
    const elsewhere = { WEB_PORT: String(port), BERTH_ROOT: join(e2e.dir, 'other-root'), BERTH_RUN: join(e2e.dir, 'other-run') };
    const down = e2e.run('basic', 'e2e-basic', ['down', '-t', '0'], elsewhere);
    expect(down.code, down.stderr).toBe(0);
    expect(e2e.run('basic', 'e2e-basic', ['ps'], { WEB_PORT: String(port) }).stdout).toMatch(/e2e-basic-web-1 .* Up /);
    expect(await get(port)).toContain('e2e page');
  });

  it('runs a same-named project under other state roots at the same time, on a bridge of its own', async () => {
    const elsewhere = { WEB_PORT: String(await freePort()), BERTH_ROOT: join(e2e.dir, 'other-root'), BERTH_RUN: join(e2e.dir, 'other-run') };
    execFileSync(join(import.meta.dirname, '../../../scripts/make-busybox-image.sh'), { env: { ...e2e.env, ...elsewhere }, stdio: 'ignore' });
    try {
      const up = e2e.run('basic', 'e2e-basic', ['up', '-d', '--wait'], elsewhere);
      expect(up.code, up.stderr).toBe(0);
      expect(await get(Number(elsewhere.WEB_PORT))).toContain('e2e page');
      expect(await get(port)).toContain('e2e page');
    } finally {
      expect(e2e.run('basic', 'e2e-basic', ['down', '-v', '-t', '0'], elsewhere).code).toBe(0);
    }
    expect(e2e.run('basic', 'e2e-basic', ['ps'], { WEB_PORT: String(port) }).stdout).toMatch(/e2e-basic-web-1 .* Up /);
  });

  it('answers a service\'s first DNS query for its dependencies, with no retry', async () => {
    expect(e2e.run('dns-at-start', 'e2e-dnsfirst', ['up', '-d']).code).toBe(0);
    let logs = '';
    for (const deadline = Date.now() + 5000; Date.now() < deadline && !(/RESOLVED-ALL/.test(logs) && /RESOLVED-APP/.test(logs));) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      logs = e2e.run('dns-at-start', 'e2e-dnsfirst', ['logs']).stdout;
    }
    expect(logs).toMatch(/RESOLVED-ALL/);
    expect(logs).toMatch(/RESOLVED-APP/);
    expect(e2e.run('dns-at-start', 'e2e-dnsfirst', ['down', '-t', '0']).code).toBe(0);
  });

  it('refuses a network whose settings changed in the file, naming them, and changes nothing', () => {
    expect(e2e.run('drift', 'e2e-drift', ['up', '-d']).code).toBe(0);
    const changed = e2e.run('drift', 'e2e-drift', ['up', '-d'], { SUBNET: '10.231.151.0/24' });
    expect(changed.code).not.toBe(0);
    expect(changed.stderr).toContain('network e2e-drift_lan (networks.lan) exists with other settings than the compose file\'s: subnet 10.231.150.0/24 → 10.231.151.0/24');
    expect(changed.stderr).toContain('run `berth down` first');
    expect(e2e.run('drift', 'e2e-drift', ['ps']).stdout).toMatch(/e2e-drift-app-1 .* Up /);
    expect(e2e.run('drift', 'e2e-drift', ['down', '-t', '0']).code).toBe(0);
    expect(e2e.run('drift', 'e2e-drift', ['up', '-d'], { SUBNET: '10.231.151.0/24' }).code).toBe(0);
    expect(e2e.run('drift', 'e2e-drift', ['down', '-t', '0']).code).toBe(0);
  });

  it('takes --progress before the verb and from COMPOSE_PROGRESS, as Compose does; the verb\'s own wins', () => {
    const up = e2e.run('drift', 'e2e-progress', ['--progress', 'plain', 'up', '-d'], { SUBNET: '10.231.152.0/24' });
    expect(up.stderr).toContain('Container e2e-progress-app-1  Started');
    const quiet = e2e.run('drift', 'e2e-progress', ['down', '-t', '0'], { SUBNET: '10.231.152.0/24', COMPOSE_PROGRESS: 'quiet' });
    expect([quiet.code, quiet.stderr]).toEqual([0, '']);
    const json = e2e.run('drift', 'e2e-progress', ['--progress', 'quiet', 'up', '-d', '--progress', 'json'], { SUBNET: '10.231.152.0/24' });
    expect(json.stderr).toContain('"status":"Started"');
    expect(e2e.run('drift', 'e2e-progress', ['down', '-t', '0'], { SUBNET: '10.231.152.0/24' }).code).toBe(0);
  });

  it('mounts named volumes backed by a host directory or a tmpfs, and unmounts the tmpfs on down', () => {
    const device = join(e2e.dir, 'device');
    mkdirSync(device);
    writeFileSync(join(device, 'hello.txt'), 'from the host\n');
    const env = { DEVICE: device };
    expect(e2e.run('volume-opts', 'e2e-volopts', ['up', '-d'], env).code).toBe(0);
    expect(e2e.run('volume-opts', 'e2e-volopts', ['exec', '-T', 'app', 'cat', '/shared/hello.txt'], env).stdout).toBe('from the host\n');
    expect(e2e.run('volume-opts', 'e2e-volopts', ['exec', '-T', 'app', 'sh', '-c', 'echo from the container > /shared/back.txt'], env).code).toBe(0);
    expect(readFileSync(join(device, 'back.txt'), 'utf8')).toBe('from the container\n');
    expect(e2e.run('volume-opts', 'e2e-volopts', ['exec', '-T', 'app', 'grep', ' /scratch ', '/proc/mounts'], env).stdout).toMatch(/^tmpfs \/scratch tmpfs .*size=8192k/);
    expect(e2e.run('volume-opts', 'e2e-volopts', ['down', '-t', '0'], env).code).toBe(0);
    expect(readFileSync('/proc/self/mounts', 'utf8')).not.toContain(join(e2e.dir, 'root', 'volumes'));
    expect(e2e.run('volume-opts', 'e2e-volopts', ['down', '-v'], env).code).toBe(0);
    expect(readFileSync(join(device, 'hello.txt'), 'utf8')).toBe('from the host\n');
  });

  it('keeps volumes on down, removes them with down -v, and leaves nothing', () => {
    const env = { WEB_PORT: String(port) };
    const volumes = join(e2e.dir, 'root', 'volumes');
    const before = e2e.snapshot('e2e-basic');
    expect(before.pids.length).toBeGreaterThan(2);
    expect(e2e.run('basic', 'e2e-basic', ['down'], env).code).toBe(0);
    expect(readdirSync(volumes)).toContain('e2e-basic_shared');
    expect(e2e.leftovers('e2e-basic', before)).toEqual([]);
    expect(e2e.run('basic', 'e2e-basic', ['up', '-d', '--wait'], env).code).toBe(0);
    const down = e2e.run('basic', 'e2e-basic', ['down', '-v', '--progress', 'plain'], env);
    expect(down.stderr).toContain('Volume e2e-basic_shared  Removed');
    expect(existsSync(join(volumes, 'e2e-basic_shared'))).toBe(false);
    expect(e2e.leftovers('e2e-basic', before)).toEqual([]);
  });
});
