/**
 * Where `up`, `down` and `run` follow Docker Compose v2 to the letter, end to end through the CLI:
 * attached exits (--abort-on-container-exit, --abort-on-container-failure, --exit-code-from and their
 * exit codes), anonymous volumes taken over by a recreated container (new ones with -V, none leaked past
 * `down -v`), `down SERVICE...` (the services and their dependents only), and one-off containers
 * answering on the project network by their container name. Projects `bgap-*`, subnets 10.231.64.0/20.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeE2e, type E2e, type RunResult } from './test-support/e2e-harness.js';

// Each project its own /24 of 10.231.64.0/20, so no project reuses the addresses of the one before it.
const POOLS: Record<string, string> = { 'bgap-anon': '10.231.65.0/24', 'bgap-scoped': '10.231.66.0/24', 'bgap-oneoff': '10.231.67.0/24' };
const poolOf = (project: string): NodeJS.ProcessEnv => ({ BERTH_NETWORK_POOL: POOLS[project] ?? '10.231.64.0/24' });

describe.skipIf(process.getuid?.() !== 0)('Compose parity of up, down and run (needs root)', () => {
  let e2e: E2e;
  beforeAll(() => {
    e2e = makeE2e('parity');
  });
  afterAll(() => e2e?.cleanup());

  const abort = (project: string, args: string[], env: NodeJS.ProcessEnv = {}): RunResult => e2e.run('gaps', project, ['-f', 'compose.abort.yaml', ...args], { ...poolOf(project), ...env });
  const stack = (project: string, args: string[], env: NodeJS.ProcessEnv = {}): RunResult => e2e.run('gaps', project, args, { ...poolOf(project), ...env });
  const states = (project: string): Record<string, string> => {
    const ps = stack(project, ['ps', '-a', '--format', 'json']);
    return Object.fromEntries(ps.stdout.trim().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { Name: string; State: string }).map((c) => [c.Name, c.State]));
  };

  it('--abort-on-container-exit stops everything at the first exit and ends with its code', () => {
    const up = abort('bgap-abort', ['up', '--abort-on-container-exit', '-t', '2'], { QUICK_CODE: '3' });
    expect(up.stdout, up.stderr).toContain('quick-1 exited with code 3');
    expect(up.stdout).toContain('Aborting on container exit...');
    expect(up.code).toBe(3);
    expect(states('bgap-abort')).toMatchObject({ 'bgap-abort-sleeper-1': 'exited', 'bgap-abort-failer-1': 'exited' });
    expect(abort('bgap-abort', ['down', '-t', '0']).code).toBe(0);
  });

  it('--exit-code-from stops at any exit and ends with that service\'s code, even when the abort stopped it', () => {
    const fromQuick = abort('bgap-from', ['up', '--exit-code-from', 'quick', '-t', '2'], { QUICK_CODE: '4' });
    expect(fromQuick.code, fromQuick.stdout + fromQuick.stderr).toBe(4);
    const fromSleeper = abort('bgap-from', ['up', '--exit-code-from', 'sleeper', '-t', '2'], { QUICK_CODE: '3' });
    expect(fromSleeper.stdout, fromSleeper.stderr).toContain('Aborting on container exit...');
    expect(fromSleeper.stdout).toContain('sleeper-1 exited with code 143');
    expect(fromSleeper.code).toBe(143);
    expect(abort('bgap-from', ['down', '-t', '0']).code).toBe(0);
  });

  it('--abort-on-container-failure ignores clean exits and stops at the first failure', () => {
    const up = abort('bgap-fail', ['up', '--abort-on-container-failure', '-t', '2'], { QUICK_CODE: '0' });
    expect(up.stdout, up.stderr).toContain('quick-1 exited with code 0');
    expect(up.stdout).toContain('failer-1 exited with code 5');
    expect(up.stdout.indexOf('Aborting on container exit...')).toBeGreaterThan(up.stdout.indexOf('failer-1 exited with code 5'));
    expect(up.code).toBe(5);
    expect(states('bgap-fail')).toMatchObject({ 'bgap-fail-sleeper-1': 'exited' });
    expect(abort('bgap-fail', ['down', '-t', '0']).code).toBe(0);
  });

  it('refuses the exit flags Compose refuses, before making anything', () => {
    const both = abort('bgap-flags', ['up', '--abort-on-container-exit', '--abort-on-container-failure']);
    expect(both.stderr).toContain('--abort-on-container-failure cannot be combined with --abort-on-container-exit');
    const detached = abort('bgap-flags', ['up', '-d', '--exit-code-from', 'quick']);
    expect(detached.stderr).toContain('--detach and --wait cannot be combined');
    const unknown = abort('bgap-flags', ['up', '--exit-code-from', 'nosuch']);
    expect(unknown.stderr).toContain('no such service: nosuch');
    for (const r of [both, detached, unknown]) expect(r.code).not.toBe(0);
    expect(e2e.snapshot('bgap-flags').ids).toEqual([]);
  });

  const anonymousOf = (container: string): string[] => {
    const dir = join(e2e.dir, 'root', 'volumes');
    return readdirSync(dir).filter((name) => {
      try {
        const labels = (JSON.parse(readFileSync(join(dir, name, 'volume.json'), 'utf8')) as { labels: Record<string, string> }).labels;
        return 'com.docker.volume.anonymous' in labels && labels['berth.container'] === container;
      } catch {
        return false;
      }
    });
  };

  it('keeps a recreated container\'s anonymous volumes, renews them with -V, and down -v leaves none', () => {
    // As Docker's: a recreate takes the old volumes over, a new container (after down) gets new ones.
    const project = 'bgap-anon';
    expect(stack(project, ['up', '-d', 'web']).code).toBe(0);
    expect(stack(project, ['exec', '-T', 'web', 'sh', '-c', 'echo kept > /cache/mark']).code).toBe(0);
    const recreated = stack(project, ['up', '-d', '-t', '0', '--progress', 'plain', 'web'], { REV: '2' });
    expect(recreated.stderr).toContain('Container bgap-anon-web-1  Removed');
    expect(stack(project, ['exec', '-T', 'web', 'cat', '/cache/mark']).stdout).toBe('kept\n');
    expect(anonymousOf('bgap-anon-web-1')).toHaveLength(1);
    const renewed = stack(project, ['up', '-d', '-t', '0', '-V', 'web'], { REV: '3' });
    expect(renewed.code, renewed.stderr).toBe(0);
    expect(stack(project, ['exec', '-T', 'web', 'ls', '-A', '/cache']).stdout).toBe('');
    expect(anonymousOf('bgap-anon-web-1')).toHaveLength(2);
    expect(stack(project, ['exec', '-T', 'web', 'sh', '-c', 'echo again > /cache/mark']).code).toBe(0);
    expect(stack(project, ['down', '-t', '0']).code).toBe(0);
    expect(anonymousOf('bgap-anon-web-1')).toHaveLength(2);
    expect(stack(project, ['up', '-d', 'web']).code).toBe(0);
    expect(stack(project, ['exec', '-T', 'web', 'ls', '-A', '/cache']).stdout).toBe('');
    expect(anonymousOf('bgap-anon-web-1')).toHaveLength(3);
    expect(stack(project, ['down', '-v', '-t', '0']).code).toBe(0);
    expect(anonymousOf('bgap-anon-web-1')).toEqual([]);
  });

  it('down SERVICE removes that service and its dependents only, keeping the network the rest uses', () => {
    const project = 'bgap-scoped';
    expect(stack(project, ['up', '-d']).code).toBe(0);
    const web = stack(project, ['down', '-t', '0', 'web']);
    expect(web.code, web.stderr).toBe(0);
    expect(states(project)).toEqual({ 'bgap-scoped-db-1': 'running', 'bgap-scoped-other-1': 'running' });
    expect(stack(project, ['up', '-d']).code).toBe(0);
    const db = stack(project, ['down', '-t', '0', 'db']);
    expect(db.code, db.stderr).toBe(0);
    expect(db.stderr).toContain('network bgap-scoped_default is still in use');
    expect(states(project)).toEqual({ 'bgap-scoped-other-1': 'running' });
    expect(stack(project, ['exec', '-T', 'other', 'true']).code).toBe(0);
    expect(stack(project, ['ps']).stderr).toBe('');
    expect(stack(project, ['down', '-t', '0', 'nosuch']).stderr).toContain('no such service: nosuch');
    const snapshot = e2e.snapshot(project);
    expect(stack(project, ['down', '-t', '0']).code).toBe(0);
    expect(e2e.leftovers(project, snapshot)).toEqual([]);
  });

  it('gives a one-off its container name on the project network, and the service\'s name only with --use-aliases', () => {
    const project = 'bgap-oneoff';
    expect(stack(project, ['up', '-d', 'db']).code).toBe(0);
    const started = stack(project, ['run', '-d', '--no-deps', '--name', 'bgap-oneoff-probe', '-v', './www:/srv/www:ro', 'other', 'httpd', '-f', '-p', '8080', '-h', '/srv/www']);
    expect(started.code, started.stderr).toBe(0);
    const byName = stack(project, ['exec', '-T', 'db', 'wget', '-q', '-O', '-', 'http://bgap-oneoff-probe:8080/']);
    expect(byName.stdout, byName.stderr).toBe('hello from the one-off\n');
    // UDP lookups on a loaded machine may time out once: a lookup is tried three times.
    const lookup = (name: string): RunResult => stack(project, ['exec', '-T', 'db', 'sh', '-c', `for i in 1 2 3; do nslookup ${name} && exit 0; done; exit 1`]);
    expect(lookup('other').stdout).toContain('can\'t find other: NXDOMAIN');
    expect(stack(project, ['run', '-d', '--no-deps', '--use-aliases', '--name', 'bgap-oneoff-aliased', 'other', 'sleep', '600']).code).toBe(0);
    const aliased = lookup('other');
    expect(aliased.code, aliased.stdout + aliased.stderr).toBe(0);
    const snapshot = e2e.snapshot(project);
    expect(stack(project, ['down', '-t', '0']).code).toBe(0);
    expect(e2e.leftovers(project, snapshot)).toEqual([]);
  });
});
