/**
 * Service-level behaviour of `up`, end to end: each depends_on condition met in order, scaling up and
 * down, orphans warned about and removed, a supervisor killed and replaced without restarting the
 * containers, a crashing service under its restart policy, and attached mode: prefixed output, Ctrl-C
 * stopping the project gracefully (stop, not down), and --exit-code-from passing the exit code on.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitOf, makeE2e, waitForOutput, type E2e } from './test-support/e2e-harness.js';

describe.skipIf(process.getuid?.() !== 0)('services end to end (needs root)', () => {
  let e2e: E2e;
  beforeAll(() => {
    e2e = makeE2e('services');
  });
  afterAll(() => e2e?.cleanup());

  it('starts app only after init completed, db is healthy and cache started', () => {
    const up = e2e.run('deps', 'e2e-deps', ['up', '-d', '--progress', 'plain']);
    expect(up.code, up.stderr).toBe(0);
    const lines = up.stderr.split('\n');
    const at = (text: string): number => lines.findIndex((l) => l.includes(text));
    expect(at('Container init  Exited')).toBeGreaterThan(-1);
    expect(at('Container db  Healthy')).toBeGreaterThan(-1);
    expect(at('Container e2e-deps-cache-1  Started')).toBeGreaterThan(-1);
    for (const wait of ['Container init  Exited', 'Container db  Healthy', 'Container e2e-deps-cache-1  Started']) expect(at(wait)).toBeLessThan(at('Container e2e-deps-app-1  Starting'));
    const ps = e2e.run('deps', 'e2e-deps', ['ps', '-a', '--format', 'json']);
    const states = Object.fromEntries(ps.stdout.trim().split('\n').map((l) => JSON.parse(l) as { Service: string; Status: string }).map((c) => [c.Service, c.Status]));
    expect(states).toMatchObject({ app: expect.stringMatching(/^Up /), cache: expect.stringMatching(/^Up /), db: expect.stringMatching(/^Up .* \(healthy\)$/), init: expect.stringMatching(/^Exited \(0\) /) });
    expect(e2e.run('deps', 'e2e-deps', ['down', '-t', '0']).code).toBe(0);
  });

  it('scales a service up and down', () => {
    expect(e2e.run('scale', 'e2e-scale', ['up', '-d', '--scale', 'a=3']).code).toBe(0);
    expect(e2e.run('scale', 'e2e-scale', ['ps', '--services']).stdout).toBe('a\nb\n');
    expect(e2e.run('scale', 'e2e-scale', ['ps', '-q', 'a']).stdout.trim().split('\n')).toHaveLength(3);
    const down = e2e.run('scale', 'e2e-scale', ['up', '-d', '--progress', 'plain', '-t', '0']);
    expect(down.stderr).toContain('Container e2e-scale-a-3  Removed');
    expect(e2e.run('scale', 'e2e-scale', ['ps', '-q', 'a']).stdout.trim().split('\n')).toHaveLength(1);
  });

  it('warns about orphans and removes them with --remove-orphans', () => {
    const warned = e2e.run('scale', 'e2e-scale', ['-f', 'compose.one.yaml', 'up', '-d']);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toMatch(/orphan.*\bb\b|\bb\b.*orphan/);
    const removed = e2e.run('scale', 'e2e-scale', ['-f', 'compose.one.yaml', 'up', '-d', '--remove-orphans', '-t', '0', '--progress', 'plain']);
    expect(removed.stderr).toContain('Container e2e-scale-b-1  Removed');
    expect(e2e.run('scale', 'e2e-scale', ['down', '-t', '0']).code).toBe(0);
  });

  it('adopts running containers after kill -9 of the supervisor, without restarting them', async () => {
    expect(e2e.run('scale', 'e2e-adopt', ['up', '-d']).code).toBe(0);
    const before = e2e.snapshot('e2e-adopt');
    process.kill(before.pids[0]!, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(e2e.run('scale', 'e2e-adopt', ['ps']).stderr).toContain('no supervisor of project e2e-adopt is running');
    const again = e2e.run('scale', 'e2e-adopt', ['up', '-d']);
    expect(again.stderr).toContain('nothing to do: 2 containers up to date');
    const after = e2e.snapshot('e2e-adopt');
    expect(after.pids[0]).not.toBe(before.pids[0]);
    expect(after.pids.slice(1)).toEqual(before.pids.slice(1));
    expect(e2e.run('scale', 'e2e-adopt', ['ps']).stderr).toBe('');
    expect(e2e.run('scale', 'e2e-adopt', ['down', '-t', '0']).code).toBe(0);
    expect(e2e.leftovers('e2e-adopt', after)).toEqual([]);
  });

  it('restarts a crashing service as its restart policy allows, then leaves it exited', async () => {
    const up = e2e.run('crashing', 'e2e-crash', ['up', '-d']);
    expect(up.code, up.stderr).toBe(0);
    const runs = join(e2e.dir, 'root', 'volumes', 'e2e-crash_runs', '_data', 'runs');
    const count = (): number => (existsSync(runs) ? readFileSync(runs, 'utf8').trim().split('\n').length : 0);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && count() < 3) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(count()).toBe(3);
    expect(e2e.run('crashing', 'e2e-crash', ['ps', '-a']).stdout).toMatch(/e2e-crash-crasher-1 .* Exited \(1\)/);
    expect(e2e.run('crashing', 'e2e-crash', ['down', '-v', '-t', '0']).code).toBe(0);
  });

  it('shows prefixed output attached and stops gracefully on Ctrl-C', async () => {
    const child = e2e.start('attached', 'e2e-attached', ['up', '--no-color']);
    await waitForOutput(child, /talker-1\s+\| line-3/);
    child.kill('SIGINT');
    await waitForOutput(child, /Gracefully stopping\.\.\. \(press Ctrl\+C again to force\)/);
    expect(await exitOf(child)).toBe(0);
    const ps = e2e.run('attached', 'e2e-attached', ['ps', '-a', '--format', 'json']);
    expect(JSON.parse(ps.stdout) as { State: string }).toMatchObject({ State: 'exited' });
    expect(e2e.run('attached', 'e2e-attached', ['down']).code).toBe(0);
  });

  it('passes on the exit code with --exit-code-from', () => {
    const up = e2e.run('failing', 'e2e-exit', ['up', '--exit-code-from', 'setup', 'setup'], { BROKEN: 'exit' });
    expect(up.stdout).toContain('setup-1 exited with code 3');
    expect(up.code).toBe(3);
    expect(e2e.run('failing', 'e2e-exit', ['down']).code).toBe(0);
  });
});
