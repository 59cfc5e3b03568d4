/**
 * `exec --privileged` gives the exec'd process every capability while a plain exec keeps the
 * container's set, and `ps` shows a paused (frozen) container as `paused` until it is unpaused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeE2e, type E2e } from './test-support/e2e-harness.js';

describe.skipIf(process.getuid?.() !== 0)('exec --privileged and ps paused end to end (needs root)', () => {
  let e2e: E2e;
  const project = 'e2e-run-pause';
  beforeAll(() => {
    e2e = makeE2e('exec-pause');
    const up = e2e.run('run', project, ['up', '-d', 'web']);
    if (up.code !== 0) throw new Error(`up failed: ${up.stderr}`);
  });
  afterAll(() => e2e?.cleanup());

  it('gives --privileged execs every capability, and plain ones the container set', () => {
    const capEff = (args: string[]): bigint => {
      const r = e2e.run('run', project, ['exec', '-T', ...args, 'web', 'grep', 'CapEff', '/proc/self/status']);
      expect(r.code, r.stderr).toBe(0);
      return BigInt(`0x${r.stdout.trim().split(/\s+/)[1]}`);
    };
    const plain = capEff([]);
    const privileged = capEff(['--privileged']);
    const SYS_ADMIN = 1n << 21n;
    expect(plain & SYS_ADMIN).toBe(0n);
    expect(privileged & SYS_ADMIN).toBe(SYS_ADMIN);
    expect(privileged & plain).toBe(plain);
  });

  it('shows a paused container as paused, and running again after unpause', () => {
    const state = (): string => (JSON.parse(e2e.run('run', project, ['ps', '--format', 'json']).stdout.trim()) as { State: string; Status: string }).State;
    expect(e2e.run('run', project, ['pause', 'web']).code).toBe(0);
    try {
      expect(state()).toBe('paused');
      expect(e2e.run('run', project, ['ps']).stdout).toMatch(/e2e-run-pause-web-1 .* \(Paused\)/);
    } finally {
      expect(e2e.run('run', project, ['unpause', 'web']).code).toBe(0);
    }
    expect(state()).toBe('running');
    const snapshot = e2e.snapshot(project);
    expect(e2e.run('run', project, ['down', '-t', '0']).code).toBe(0);
    expect(e2e.leftovers(project, snapshot)).toEqual([]);
  });
});
