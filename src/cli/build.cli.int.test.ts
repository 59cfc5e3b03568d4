/**
 * `berth build` end to end through the built CLI process (`npm run build` first), on a copy of the
 * fixtures/build/app project: tags from `image:` or `<project>-<service>` plus build.tags, labels and
 * args from the compose file, `--build-arg`, an all-cached second run, `-q`, and a failing build's
 * error. The busybox base lives in a temp store; RUN containers are named bd-cli… via BERTH_ROOT.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBusyboxImage } from '../runtime/container/test-support/busybox-image.js';
import { getBlob, importRootfs, listReferences, parseConfig } from '../runtime/image/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/berth.js');

describe.skipIf(process.getuid?.() !== 0)('berth build through the CLI (needs root)', () => {
  let dir = '';
  let project = '';
  let env: NodeJS.ProcessEnv = {};
  const roots = () => ({ root: join(dir, 'root'), run: join(dir, 'run') });
  const berth = (...args: string[]) => spawnSync(process.execPath, [BIN, '--project-directory', project, ...args], { env, encoding: 'utf8', cwd: project });

  beforeAll(async () => {
    for (const built of ['dist/src/cli/commands/build.js', 'native/build/berth-helper']) {
      if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` before this test`);
    }
    dir = mkdtempSync(join(tmpdir(), 'berth-bd-cli-'));
    project = join(dir, 'app');
    cpSync(join(ROOT, 'fixtures/build/app'), project, { recursive: true });
    env = { ...process.env, BERTH_ROOT: roots().root, BERTH_RUN: roots().run };
    await importRootfs(roots(), buildBusyboxImage(join(dir, 'base')), 'bd/busybox:test');
  });

  afterAll(() => {
    if (dir === '') return;
    for (const controller of readdirSync('/sys/fs/cgroup')) {
      const parent = join('/sys/fs/cgroup', controller, 'berth');
      for (const name of existsSync(parent) ? readdirSync(parent).filter((n) => n.startsWith('build-')) : []) {
        try { rmdirSync(join(parent, name)); } catch { /* not ours or already gone */ }
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds every service with a build section, tagged and labelled as compose says', async () => {
    const out = berth('build', '--progress', 'plain', '--build-arg', 'FLAVOUR=cli');
    expect(out.stderr).toContain('[web 0:4] | flavour cli');
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^tool: built [0-9a-f]{12} as bd\/tool:dev \(0\/1 steps cached\)\nweb: built [0-9a-f]{12} as bdapp-web, bd\/app-extra:1 \(0\/5 steps cached\)\n$/);
    const refs = await listReferences(roots());
    const id = refs['docker.io/library/bdapp-web:latest']!;
    expect(refs['docker.io/bd/app-extra:1']).toBe(id);
    expect(refs['docker.io/bd/tool:dev']).toMatch(/^sha256:/);
    const config = parseConfig(await getBlob(roots(), id), 'web').config!;
    expect(config.Labels).toEqual({ 'com.example.built-by': 'berth' });
    expect(config.WorkingDir).toBe('/app');
  });

  it('serves an unchanged rebuild from the cache and prints only ids with -q', () => {
    const out = berth('build', 'web', '--build-arg', 'FLAVOUR=cli', '--progress', 'plain');
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain('(5/5 steps cached)');
    const quiet = berth('build', '-q', 'web', '--build-arg', 'FLAVOUR=cli');
    expect(quiet.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    expect(quiet.stderr).toBe('');
  });

  it('fails with the step, exit code and output of a failing RUN', () => {
    writeFileSync(join(project, 'Dockerfile'), 'FROM bd/busybox:test\nRUN echo broken; exit 4\n');
    const out = berth('build', 'web', '--progress', 'quiet');
    expect(out.status).not.toBe(0);
    expect(out.stderr).toContain('Dockerfile:2 RUN echo broken; exit 4: the command exited with code 4');
    expect(out.stderr).toContain('broken');
  });
});
