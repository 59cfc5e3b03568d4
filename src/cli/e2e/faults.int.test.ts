/**
 * `up` meeting faults, end to end: a dependency that exits non-zero or turns unhealthy stops `up` with
 * one error naming the service (and the probe's output); a fault injected at a step (BERTH_FAULT_OP)
 * rolls back everything the run made; `kill -9` of `berth up` mid-way, and of the supervisor too, is
 * followed by a `down` that leaves nothing.
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitOf, makeE2e, waitForOutput, type E2e } from './test-support/e2e-harness.js';

/** An `nft` first on PATH that fails every script containing BERTH_TEST_NFT_FAIL and runs the real one otherwise. */
function failingNft(dir: string): string {
  const bin = join(dir, 'fake-nft');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'nft'), [
    '#!/bin/sh',
    'if [ "$1" = "-f" ]; then',
    '  script=$(cat)',
    '  case "$script" in *"$BERTH_TEST_NFT_FAIL"*) echo "Error: injected failure" >&2; exit 1;; esac',
    '  printf "%s\\n" "$script" | exec /usr/sbin/nft "$@"',
    'fi',
    'exec /usr/sbin/nft "$@"',
    '',
  ].join('\n'));
  chmodSync(join(bin, 'nft'), 0o755);
  return bin;
}

describe.skipIf(process.getuid?.() !== 0)('up with faults (needs root)', () => {
  let e2e: E2e;
  beforeAll(() => {
    e2e = makeE2e('faults');
  });
  afterAll(() => e2e?.cleanup());

  it('fails when a dependency exits non-zero, naming the service, and rolls back', () => {
    const up = e2e.run('failing', 'e2e-fail', ['up', '-d'], { BROKEN: 'exit' });
    expect(up.code).not.toBe(0);
    expect(up.stderr).toContain('service app: wait-dependency setup service_completed_successfully failed: container e2e-fail-setup-1 exited with code 3');
    expect(e2e.leftovers('e2e-fail')).toEqual([]);
  });

  it('fails at once when a dependency turns unhealthy, with the probe output', () => {
    const started = Date.now();
    const up = e2e.run('failing', 'e2e-fail', ['up', '-d'], { BROKEN: 'health' });
    expect(up.code).not.toBe(0);
    expect(up.stderr).toContain('service app: wait-dependency db service_healthy failed: container e2e-fail-db-1 is unhealthy: database-not-ready');
    expect(up.stderr).toContain('probe exit 1: database-not-ready');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(e2e.leftovers('e2e-fail')).toEqual([]);
  });

  it('fails before making anything when an image cannot be had, naming the service', () => {
    const up = e2e.run('noimage', 'e2e-noimage', ['up', '-d']);
    expect(up.code).toBe(3);
    expect(up.stderr).toContain('service ghost: image berth.local/not-here:1 cannot be had: it is not stored and pull_policy is never');
    expect(e2e.leftovers('e2e-noimage')).toEqual([]);
  });

  it('rolls back a failed up at an injected fault and leaves nothing', () => {
    const up = e2e.run('failing', 'e2e-fail', ['up', '-d', '--progress', 'plain'], { BERTH_FAULT_OP: 'start-container:service:app:1' });
    expect(up.code).not.toBe(0);
    expect(up.stderr).toContain('service app: start-container e2e-fail-app-1 failed: injected fault at start-container:service:app:1');
    expect(up.stderr).toContain('Rolled back');
    expect(e2e.leftovers('e2e-fail')).toEqual([]);
    expect(e2e.run('failing', 'e2e-fail', ['ps', '-a', '-q']).stdout).toBe('');
  });

  it('rolls back when the network rules fail while the containers are being made', () => {
    const env = { PATH: `${failingNft(e2e.dir)}:${process.env['PATH'] ?? ''}`, BERTH_TEST_NFT_FAIL: 'masq {' };
    const up = e2e.run('scale', 'e2e-nft', ['up', '-d', '--progress', 'plain'], env);
    expect(up.code).not.toBe(0);
    expect(up.stderr).toContain('nft could not add rules of bridge');
    expect(up.stderr).toContain('Rolled back');
    expect(e2e.leftovers('e2e-nft')).toEqual([]);
  });

  it('a down that fails at one step still removes the rest, restarts nothing, and a second down finishes', () => {
    expect(e2e.run('scale', 'e2e-downfail', ['up', '-d']).code).toBe(0);
    const before = e2e.snapshot('e2e-downfail');
    const containers = (): { ID: string; Name: string; State: string }[] => e2e.run('scale', 'e2e-downfail', ['ps', '-a', '--format', 'json']).stdout
      .trim().split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as { ID: string; Name: string; State: string });
    const a = containers().find((c) => c.Name === 'e2e-downfail-a-1')!;
    const failed = e2e.run('scale', 'e2e-downfail', ['down', '-t', '0'], { BERTH_FAULT_OP: `stop-container:${a.ID}` });
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain(`injected fault at stop-container:${a.ID}`);
    expect(containers().map((c) => [c.Name, c.State])).toEqual([['e2e-downfail-a-1', 'running']]);
    const down = e2e.run('scale', 'e2e-downfail', ['down', '-t', '0']);
    expect(down.code, down.stderr).toBe(0);
    expect(e2e.leftovers('e2e-downfail', before)).toEqual([]);
  });

  it('cleans up with down after kill -9 of berth up mid-way', async () => {
    const child = e2e.start('slow', 'e2e-kill', ['up', '-d', '--progress', 'plain']);
    await waitForOutput(child, /Container web\s+Waiting/);
    const before = e2e.snapshot('e2e-kill');
    child.kill('SIGKILL');
    await exitOf(child);
    expect(before.pids.length).toBeGreaterThan(0);
    const down = e2e.run('slow', 'e2e-kill', ['down', '-v', '-t', '1']);
    expect(down.code, down.stderr).toBe(0);
    expect(e2e.leftovers('e2e-kill', before)).toEqual([]);
  });

  it('cleans up with down after kill -9 of both berth up and the supervisor', async () => {
    const child = e2e.start('slow', 'e2e-kill', ['up', '-d', '--progress', 'plain']);
    await waitForOutput(child, /Container web\s+Waiting/);
    const before = e2e.snapshot('e2e-kill');
    child.kill('SIGKILL');
    await exitOf(child);
    for (const pid of before.pids.slice(0, 1)) process.kill(pid, 'SIGKILL');
    const down = e2e.run('slow', 'e2e-kill', ['down', '-v', '-t', '1']);
    expect(down.code, down.stderr).toBe(0);
    expect(e2e.leftovers('e2e-kill', before)).toEqual([]);
  });

  it('down removes what a berth killed while deleting a container left in the trash', () => {
    const left = join(e2e.dir, 'root', 'trash', '999999999.1');
    mkdirSync(join(left, 'work', 'work'), { recursive: true });
    const down = e2e.run('scale', 'e2e-trash', ['down']);
    expect(down.code, down.stderr).toBe(0);
    expect(existsSync(left)).toBe(false);
  });

  it('cleans up by project name alone, with no compose file at hand', () => {
    expect(e2e.run('deps', 'e2e-byname', ['up', '-d']).code).toBe(0);
    const before = e2e.snapshot('e2e-byname');
    const down = e2e.run('..', 'e2e-byname', ['down', '-t', '0']);
    expect(down.code, down.stderr).toBe(0);
    expect(e2e.leftovers('e2e-byname', before)).toEqual([]);
  });
});
