import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StateRoots } from '../state-roots.js';
import { loadArchive } from './archive-load.js';
import { imageRootfs } from './image-rootfs.js';
import { listReferences } from './repositories.js';
import { tagInLayout, writeImage } from './test-support/oci-layout.js';
import { buildTar, buildTarGz } from './test-support/tar-builder.js';

const base = mkdtempSync(join(tmpdir(), 'berth-load-'));
const layout = join(base, 'layout');
let n = 0;
const freshRoots = (): StateRoots => { n += 1; return { root: join(base, `root${n}`), run: join(base, `run${n}`) }; };

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe.skipIf(process.getuid?.() !== 0)('berth load of docker-save and OCI archives (needs root: whiteouts, owners)', () => {
  beforeAll(async () => {
    const l1 = await buildTar([{ name: 'etc/a', content: 'one' }, { name: 'etc/gone', content: 'x' }]);
    const l2 = await buildTar([{ name: 'etc/.wh.gone' }, { name: 'etc/b', content: 'two' }]);
    tagInLayout(layout, 'v1', writeImage(layout, { layers: [{ tar: l1, blob: await buildTarGz([{ name: 'etc/a', content: 'one' }, { name: 'etc/gone', content: 'x' }]) }, { tar: l2 }], config: { Cmd: ['sh'] } }));
  });

  it.each([
    ['docker-archive', 'test/saved:v1'],
    ['oci-archive', 'test/oci:v1'],
  ])('loads a %s made by skopeo', async (transport, name) => {
    const file = join(base, `${transport}.tar`);
    execFileSync('skopeo', ['copy', '--quiet', `oci:${layout}:v1`, `${transport}:${file}:${name}`]);
    const roots = freshRoots();
    const [loaded] = await loadArchive(roots, file);
    expect(loaded?.record.layers).toHaveLength(2);
    expect(loaded?.references).toEqual([`docker.io/${name}`]);
    expect(Object.keys(await listReferences(roots))).toEqual([`docker.io/${name}`]);
    const { lowerDirs, config } = await imageRootfs(roots, name);
    expect(config.Cmd).toEqual(['sh']);
    expect(readFileSync(join(lowerDirs[1]!, 'etc/a'), 'utf8')).toBe('one');
    expect(readFileSync(join(lowerDirs[0]!, 'etc/b'), 'utf8')).toBe('two');
    expect(readdirSync(join(roots.root, 'images', 'tmp'))).toEqual([]);
  });

  it('refuses a hostile archive and writes nothing outside its staging', async () => {
    const file = join(base, 'evil.tar');
    writeFileSync(file, await buildTar([{ name: 'x', type: 'symlink', linkname: base }, { name: 'x/planted', content: 'p' }]));
    const roots = freshRoots();
    await expect(loadArchive(roots, file)).rejects.toMatchObject({ code: 'image.layer-escape' });
    expect(existsSync(join(base, 'planted'))).toBe(false);
    expect(readdirSync(join(roots.root, 'images', 'tmp'))).toEqual([]);
  });

  it('refuses an archive whose layer is a symlink to a host file', async () => {
    const file = join(base, 'link.tar');
    const config = JSON.stringify({ rootfs: { type: 'layers', diff_ids: [`sha256:${'1'.repeat(64)}`] } });
    writeFileSync(file, await buildTar([
      { name: 'manifest.json', content: JSON.stringify([{ Config: 'c.json', RepoTags: ['x:1'], Layers: ['layer.tar'] }]) },
      { name: 'c.json', content: config },
      { name: 'layer.tar', type: 'symlink', linkname: '/etc/passwd' },
    ]));
    await expect(loadArchive(freshRoots(), file)).rejects.toThrow(/'layer.tar' is not a regular file inside the archive/);
  });

  it('names a file that is not an image archive', async () => {
    const file = join(base, 'plain.tar');
    writeFileSync(file, await buildTar([{ name: 'hello', content: 'x' }]));
    await expect(loadArchive(freshRoots(), file)).rejects.toMatchObject({ code: 'image.archive-invalid' });
    await expect(loadArchive(freshRoots(), join(base, 'missing.tar'))).rejects.toMatchObject({ code: 'image.archive-missing' });
  });
});
