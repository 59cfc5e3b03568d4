/**
 * Storage and configuration as a Compose user meets them, end to end through the CLI: secrets and
 * configs (file, inline content and project-environment sources, long syntax owners and modes), a
 * working_dir the image lacks.
 * Projects `qs-*`, subnets from 10.231.200.0/22; every project is taken down with -v afterwards.
 */
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

  it('names the unset variable an environment secret needs', () => {
    const run = berth('qs-files', ['--env-file', '/dev/null', 'run', '--rm', 'files']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('environment variable TOKEN required by secrets token is not set');
  });
});
