/**
 * Storage and configuration as a Compose user meets them, end to end through the CLI: secrets and
 * configs (file, inline content and project-environment sources, long syntax owners and modes), a
 * working_dir the image lacks, tmpfs options, a bind source `run`
 * creates, volumes_from, volume subpaths, `berth volume` and external volumes.
 * Projects `qs-*`, subnets from 10.231.200.0/22; every project is taken down with -v afterwards.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeE2e, type E2e, type RunResult } from './test-support/e2e-harness.js';

const POOL = { BERTH_NETWORK_POOL: '10.231.200.0/22' };

describe.skipIf(process.getuid?.() !== 0)('storage and configuration end to end (needs root)', () => {
  let e2e: E2e;
  beforeAll(() => {
    e2e = makeE2e('storage');
  });
  afterAll(() => e2e?.cleanup());

  const berth = (project: string, args: string[], env: NodeJS.ProcessEnv = {}): RunResult => e2e.run('storage', project, args, { ...POOL, ...env });

  it('writes content and environment secrets and configs with their uid, gid and mode, reading .env; binds files as they are', () => {
    const run = berth('qs-files', ['run', '--rm', 'files']);
    expect(run.stdout, run.stderr).toBe([
      '/run/secrets/pw 0:0 644', 'from-file',
      '/run/secrets/tok 1000:1001 440', 'from-dotenv',
      '/etc/inline.conf 1000:0 600', 'inline from-dotenv',
      '/cfg 0:0 444', 'from-dotenv', '',
    ].join('\n'));
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('secrets pw is a bound file, so its uid, gid and mode are ignored');
  });

  it('makes a missing working_dir, as Docker does, even with a read-only root', () => {
    const run = berth('qs-workdir', ['run', '--rm', 'workdir']);
    expect(run.stdout, run.stderr).toBe('/made/by/berth\nroot 755\n');
    expect(run.code).toBe(0);
  });

  it('makes, lists, inspects, removes and prunes volumes with `berth volume`, for a project\'s external volume', () => {
    const ext = (args: string[]): RunResult => berth('qs-ext', ['-f', 'compose.external.yaml', ...args]);
    const missing = ext(['up']);
    expect([missing.code, missing.stderr]).toEqual([5, expect.stringContaining('create it first (berth volume create qs-ext-shared)')]);
    expect(berth('qs-ext', ['volume', 'create', '-l', 'team=qs', 'qs-ext-shared']).stdout).toBe('qs-ext-shared\n');
    expect(ext(['up']).stdout).toContain('user-1  | empty');
    expect(ext(['down', '-v']).code).toBe(0);
    expect(ext(['up']).stdout).toContain('user-1  | kept');
    const inUse = berth('qs-ext', ['volume', 'rm', 'qs-ext-shared']);
    expect([inUse.code, inUse.stderr]).toEqual([4, expect.stringContaining('volume qs-ext-shared is in use by container qs-ext-user-1')]);
    expect(ext(['down', '-v']).code).toBe(0);
    const anonymous = berth('qs-ext', ['volume', 'create']).stdout.trim();
    expect(anonymous).toMatch(/^[0-9a-f]{64}$/);
    const unconfirmed = berth('qs-ext', ['volume', 'prune']);
    expect([unconfirmed.stdout, unconfirmed.stderr]).toEqual(['', expect.stringContaining('Are you sure you want to continue? [y/N]')]);
    expect(berth('qs-ext', ['volume', 'prune', '-f']).stdout).toBe(`Deleted Volumes:\n${anonymous}\n\n1 volumes removed\n`);
    expect(berth('qs-ext', ['volume', 'ls', '-q']).stdout).toBe('qs-ext-shared\n');
    const [view] = JSON.parse(berth('qs-ext', ['volume', 'inspect', 'qs-ext-shared']).stdout) as { Labels: Record<string, string>; Driver: string }[];
    expect(view).toMatchObject({ Driver: 'local', Labels: { team: 'qs' } });
    expect(berth('qs-ext', ['volume', 'rm', 'qs-ext-shared']).stdout).toBe('qs-ext-shared\n');
    expect(berth('qs-ext', ['volume', 'rm', 'qs-ext-shared']).code).toBe(3);
    expect(berth('qs-ext', ['volume', 'rm', '-f', 'qs-ext-shared']).code).toBe(0);
  });

  it('mounts tmpfs entries noexec unless they say exec, with their owner, mode and size options', () => {
    const run = berth('qs-tmpfs', ['run', '--rm', 'scratch']);
    expect(run.stdout, run.stderr).toBe('1000:1001 750\nrw,nosuid,nodev,noexec,relatime,size=1024k,mode=750,uid=1000,gid=1001\nrw,nosuid,nodev,relatime\n');
  });

  it('run creates a missing bind source, as up does', () => {
    const source = join(e2e.dir, 'made', 'by-run');
    const run = berth('qs-runbind', ['run', '--rm', '-v', `${source}:/m`, 'shell', 'sh', '-c', 'echo in > /m/f']);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(source, 'f'), 'utf8')).toBe('in\n');
  });

  it('mounts the volumes of a volumes_from service, read-only when asked', () => {
    const from = (args: string[]): RunResult => berth('qs-from', ['-f', 'compose.volumes-from.yaml', ...args]);
    expect(from(['up', '-d', 'source']).code).toBe(0);
    const run = from(['run', '--rm', 'borrower']);
    expect(run.stdout, run.stderr).toBe('/anon\n/data\nRead-only\n');
    expect(from(['down', '-v', '-t', '0']).code).toBe(0);
  });

  it('mounts a volume subpath, which must exist and stay inside the volume', () => {
    const sub = (args: string[]): RunResult => berth('qs-subpath', ['-f', 'compose.subpath.yaml', ...args]);
    expect(sub(['run', '--rm', 'seed']).code).toBe(0);
    expect(sub(['run', '--rm', 'site']).stdout).toBe('page\n');
    const escape = sub(['run', '--rm', 'escape']);
    expect([escape.code, escape.stderr]).toEqual([5, expect.stringContaining('service escape: subpath escape of volume data leads out of the volume')]);
    const lost = sub(['run', '--rm', 'lost']);
    expect([lost.code, lost.stderr]).toEqual([5, expect.stringContaining('service lost: subpath nope of volume data does not exist')]);
    expect(sub(['down', '-v']).code).toBe(0);
  });

  it('names a missing secret or config file, and leaves nothing behind', () => {
    const up = berth('qs-lost', ['up', 'lost']);
    expect([up.code, up.stderr]).toEqual([3, expect.stringContaining('service lost: file ')]);
    expect(up.stderr).toContain('not-there.conf of configs lost does not exist');
    expect(e2e.leftovers('qs-lost')).toEqual([]);
  });

  it('names the unset variable an environment secret needs', () => {
    const run = berth('qs-files', ['--env-file', '/dev/null', 'run', '--rm', 'files']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('environment variable TOKEN required by secrets token is not set');
  });
});
