/**
 * `berth run` end to end: the exit code and environment of a one-off, --rm leaving no container and no
 * anonymous volume, a pty when stdin is a terminal, a one-off reaching a running dependency by name, and
 * a detached one-off that ps leaves out and down removes with everything else.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../runtime/image/test-support/registry.js';
import { installRoot } from '../../sys/install-root.js';
import { makeE2e, type E2e } from './test-support/e2e-harness.js';

interface RecordedConfig { name: string; labels: Record<string, string>; process: { args: string[]; user?: string; cwd?: string } }

const list = (dir: string): string[] => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

describe.skipIf(process.getuid?.() !== 0)('berth run end to end (needs root)', () => {
  let e2e: E2e;
  beforeAll(() => {
    e2e = makeE2e('run');
  });
  afterAll(() => e2e?.cleanup());

  it('passes the exit code and environment through, and --rm leaves nothing of the one-off', () => {
    const volumes = (): string[] => list(join(e2e.dir, 'root', 'volumes'));
    const before = volumes();
    const r = e2e.run('run', 'e2e-run-rm', ['run', '--rm', '-T', '--no-deps', '-e', 'EXTRA=x1', '-e', 'GREETING=bye', 'client', 'sh', '-c', 'echo "$GREETING $EXTRA"; ls -d /scratch; exit 7']);
    expect(r.stdout, r.stderr).toBe('bye x1\n/scratch\n');
    expect(r.code).toBe(7);
    expect(volumes()).toEqual(before);
    expect(e2e.snapshot('e2e-run-rm').ids).toEqual([]);
    expect(e2e.run('run', 'e2e-run-rm', ['down', '-t', '0']).code).toBe(0);
    expect(e2e.leftovers('e2e-run-rm')).toEqual([]);
  });

  it('gives the one-off a pty when stdin is a terminal (driven through script(1))', () => {
    const berth = `${JSON.stringify(process.execPath)} ${JSON.stringify(join(installRoot(), 'bin', 'berth.js'))} -p e2e-run-tty`;
    const command = `${berth} run --rm --no-deps --name e2e-run-tty-named client sh -c 'tty; stty size; exit 5'`;
    try {
      const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: join(installRoot(), 'fixtures', 'e2e', 'run'), env: e2e.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
      expect(r.stdout, r.stdout).toMatch(/\/dev\/pts\/\d+\r*\n/);
      expect(r.stdout).toMatch(/24 80/);
      expect(r.status).toBe(5);
    } finally {
      const down = e2e.run('run', 'e2e-run-tty', ['down', '-t', '0', '--progress', 'plain']);
      expect(down.stderr).not.toContain('e2e-run-tty-named');
    }
    expect(e2e.leftovers('e2e-run-tty')).toEqual([]);
  });

  it('starts the dependencies first and reaches a running service by name', () => {
    const r = e2e.run('run', 'e2e-run-deps', ['run', '--rm', '-T', 'client', 'wget', '-q', '-O', '-', 'http://web:8080/']);
    expect(r.stdout, r.stderr).toBe('hello from web\n');
    expect(r.code).toBe(0);
    expect(e2e.run('run', 'e2e-run-deps', ['ps', '--services']).stdout).toBe('web\n');
    const snapshot = e2e.snapshot('e2e-run-deps');
    expect(e2e.run('run', 'e2e-run-deps', ['down', '-t', '0']).code).toBe(0);
    expect(e2e.leftovers('e2e-run-deps', snapshot)).toEqual([]);
  });

  it('publishes a detached one-off port with -p until down', async () => {
    const port = await freePort();
    const r = e2e.run('run', 'e2e-run-publish', ['run', '-d', '--no-deps', '-p', `127.0.0.1:${port}:8080`, '-v', './www:/srv/www:ro', 'client', 'httpd', '-f', '-p', '8080', '-h', '/srv/www']);
    expect(r.code, r.stderr).toBe(0);
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('hello from web\n');
    const clash = e2e.run('run', 'e2e-run-publish', ['run', '--rm', '--no-deps', '-p', `127.0.0.1:${port}:8080`, 'client', 'true']);
    expect(clash.code).not.toBe(0);
    expect(clash.stderr).toContain(`run of service client`);
    const snapshot = e2e.snapshot('e2e-run-publish');
    expect(e2e.run('run', 'e2e-run-publish', ['down', '-t', '0']).code).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    expect(e2e.leftovers('e2e-run-publish', snapshot)).toEqual([]);
  });

  it('runs detached with -d, listed by ps -a only (as Compose does), and down removes it', () => {
    const r = e2e.run('run', 'e2e-run-detach', ['run', '-d', '--entrypoint', 'sleep', '-u', '1000', '-w', '/tmp', '-l', 'purpose=test', 'client', '600']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^e2e-run-detach-client-run-[0-9a-f]{12}\n$/);
    const name = r.stdout.trim();
    expect(e2e.run('run', 'e2e-run-detach', ['ps']).stdout).not.toContain(name);
    expect(e2e.run('run', 'e2e-run-detach', ['ps', '-a', '--format', '{{.Name}}']).stdout).toContain(`${name}\n`);
    const named = e2e.run('run', 'e2e-run-detach', ['run', '-d', '--no-deps', '--name', 'e2e-run-detach-named', 'client', 'sleep', '600']);
    expect({ code: named.code, stdout: named.stdout }).toEqual({ code: 0, stdout: 'e2e-run-detach-named\n' });
    const again = e2e.run('run', 'e2e-run-detach', ['run', '-d', '--no-deps', '--name', 'e2e-run-detach-named', 'client', 'true']);
    expect(again.stderr).toContain('container name e2e-run-detach-named is already in use');
    const snapshot = e2e.snapshot('e2e-run-detach');
    expect(snapshot.ids).toHaveLength(3);
    const configs = snapshot.ids.map((id) => JSON.parse(readFileSync(join(e2e.dir, 'run', 'containers', id, 'state.json'), 'utf8')) as { config: RecordedConfig }).map((s) => s.config);
    const oneOff = configs.find((c) => c.name === name);
    expect(oneOff?.labels).toMatchObject({ 'com.docker.compose.oneoff': 'True', purpose: 'test' });
    expect(oneOff?.process).toMatchObject({ args: ['sleep', '600'], user: '1000', cwd: '/tmp' });
    const down = e2e.run('run', 'e2e-run-detach', ['down', '-v', '-t', '0', '--progress', 'plain']);
    expect(down.code, down.stderr).toBe(0);
    expect(down.stderr).toContain(`Container ${name}  Removed`);
    expect(down.stderr).toContain('Container e2e-run-detach-named  Removed');
    expect(e2e.leftovers('e2e-run-detach', snapshot)).toEqual([]);
  });
});
