/**
 * `berth images` end to end: Compose's project form (a row per container of the project, with -p or a
 * compose file), the whole store with --all, and the store again where no compose project is found.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installRoot } from '../../sys/install-root.js';
import { makeE2e, type E2e } from './test-support/e2e-harness.js';

describe.skipIf(process.getuid?.() !== 0)('berth images end to end (needs root)', () => {
  let e2e: E2e;
  beforeAll(() => {
    e2e = makeE2e('images');
  });
  afterAll(() => e2e?.cleanup());

  it('lists the project containers images, and the store with --all or without a project', () => {
    expect(e2e.run('run', 'e2e-run-images', ['up', '-d', 'web']).code).toBe(0);
    const project = e2e.run('run', 'e2e-run-images', ['images']);
    expect(project.code, project.stderr).toBe(0);
    const [header, row, extra] = project.stdout.trim().split('\n');
    expect(header).toMatch(/^CONTAINER\s+REPOSITORY\s+TAG\s+IMAGE ID\s+SIZE$/);
    expect(row).toMatch(/^e2e-run-images-web-1\s+berth\.local\/busybox\s+latest\s+[0-9a-f]{12}\s+\S+$/);
    expect(extra).toBeUndefined();
    const json = JSON.parse(e2e.run('run', 'e2e-run-images', ['images', '--format', 'json', 'client']).stdout) as unknown[];
    expect(json).toEqual([]);
    const store = e2e.run('run', 'e2e-run-images', ['images', '--all']);
    expect(store.stdout.split('\n')[0]).toMatch(/^REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE$/);
    const noProject = spawnSync(process.execPath, [join(installRoot(), 'bin', 'berth.js'), 'images'], { cwd: e2e.dir, env: e2e.env, encoding: 'utf8' });
    expect(noProject.status, noProject.stderr).toBe(0);
    expect(noProject.stdout).toBe(store.stdout);
    expect(e2e.run('run', 'e2e-run-images', ['down', '-t', '0']).code).toBe(0);
  });
});
