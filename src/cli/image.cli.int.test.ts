/**
 * The image verbs end to end through the built CLI process (`npm run build` first): `image pull` from a
 * real loopback registry, `images` (table and JSON), `import`, `rmi` and `image prune`, with their exit
 * codes, output and error text. State roots, the registry and its images live in a temp dir.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTar, buildTarGz } from '../runtime/image/test-support/tar-builder.js';
import { tagInLayout, writeImage } from '../runtime/image/test-support/oci-layout.js';
import { pushLayout, startRegistry, type TestRegistry } from '../runtime/image/test-support/registry.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/berth.js');

interface ImageRow { id: string; repository: string; tag: string }

describe.skipIf(process.getuid?.() !== 0)('berth image verbs through the CLI (needs root: layer owners, registry)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-im-cli-'));
  const env: NodeJS.ProcessEnv = { ...process.env, BERTH_ROOT: join(dir, 'root'), BERTH_RUN: join(dir, 'run'), DOCKER_CONFIG: join(dir, 'docker') };
  const berth = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const rows = (): ImageRow[] => JSON.parse(berth('images', '--format', 'json').stdout) as ImageRow[];
  let registry: TestRegistry | undefined;
  let ref = '';

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist/src/cli/main.js'))) throw new Error('dist/src/cli/main.js is missing: run `npm run build` before this test');
    const layout = join(dir, 'layout');
    const base = [{ name: 'etc/os', content: 'cli' }];
    tagInLayout(layout, 'v1', writeImage(layout, {
      layers: [{ tar: await buildTar(base), blob: await buildTarGz(base) }, { tar: await buildTar([{ name: 'app/run', content: 'x' }]) }],
      config: { Cmd: ['/app/run'] },
    }));
    mkdirSync(join(dir, 'registry'));
    registry = await startRegistry(join(dir, 'registry'));
    ref = `${registry.host}/cli/small:1`;
    await pushLayout(layout, 'v1', registry.host, 'cli/small:1');
  });

  afterAll(async () => {
    await registry?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pulls with plain progress lines off a terminal, then lists the image', () => {
    const pull = berth('image', 'pull', ref);
    expect(pull.status).toBe(0);
    expect(pull.stdout).toMatch(new RegExp(`^${ref}: sha256:[a-f0-9]{64}\\n$`));
    expect(pull.stderr).not.toBe('');
    expect(rows()).toMatchObject([{ repository: `${registry!.host}/cli/small`, tag: '1' }]);
    const table = berth('images');
    expect(table.status).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^REPOSITORY\s+TAG\s+IMAGE ID/);
    expect(table.stdout).toContain(`${registry!.host}/cli/small`);
    const quiet = berth('image', 'pull', '-q', ref);
    expect({ status: quiet.status, stderr: quiet.stderr }).toEqual({ status: 0, stderr: '' });
    expect(quiet.stdout).toMatch(/^sha256:[a-f0-9]{64}\n$/);
  });

  it('imports a tarball, removes it with rmi, and prunes what nothing names', async () => {
    const tarball = join(dir, 'rootfs.tar');
    writeFileSync(tarball, await buildTar([{ name: 'bin/tool', content: 'tool', mode: 0o755 }]));
    const imported = berth('import', tarball, 'cli/imported:1');
    expect(imported.status).toBe(0);
    const id = imported.stdout.trim();
    expect(id).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(rows().map((r) => r.repository).sort()).toEqual([`${registry!.host}/cli/small`, 'cli/imported']);
    const rmi = berth('rmi', 'cli/imported:1');
    expect(rmi.status).toBe(0);
    expect(rmi.stdout).toBe(`Untagged: docker.io/cli/imported:1\nDeleted: ${id}\n`);
    const prune = berth('image', 'prune', '--all');
    expect(prune.status).toBe(0);
    expect(prune.stdout).toMatch(/^Deleted: sha256:[a-f0-9]{64}\n1 images and 2 layers removed\n$/);
    expect(rows()).toEqual([]);
  });

  it('fails with a clear error and exit code for an unknown image', () => {
    const rmi = berth('rmi', 'cli/nope:1');
    expect(rmi.status).not.toBe(0);
    expect(rmi.stderr).toContain("image 'cli/nope:1' is not in the image store");
    const pull = berth('image', 'pull', `${registry!.host}/cli/nope:1`);
    expect(pull.status).not.toBe(0);
    expect(pull.stderr).toContain('does not exist in its registry');
  });
});
