import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync, existsSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { StateRoots } from '../state-roots.js';
import { pruneImages, removeImage } from './image-gc.js';
import { importRootfs } from './image-import.js';
import { listImageRecords } from './image-record.js';
import { imageRootfs } from './image-rootfs.js';
import { ensureLayer } from './layer-store.js';
import { withStoreLock } from './store-lock.js';
import { listReferences } from './repositories.js';
import { buildTar, buildTarGz } from './test-support/tar-builder.js';

const base = mkdtempSync(join(tmpdir(), 'berth-store-'));
const roots: StateRoots = { root: join(base, 'root'), run: join(base, 'run') };

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe.skipIf(process.getuid?.() !== 0)('image store (needs root: owners and xattrs of unpacked layers)', () => {

  it('imports a directory as a one-layer image the runtime can stack', async () => {
    const src = join(base, 'rootfs');
    mkdirSync(join(src, 'bin'), { recursive: true });
    writeFileSync(join(src, 'bin', 'tool'), '#!/bin/sh\n', { mode: 0o755 });
    linkSync(join(src, 'bin', 'tool'), join(src, 'bin', 'tool2'));
    symlinkSync('tool', join(src, 'bin', 'sym'));
    const record = await importRootfs(roots, src, 'local/dir:1');
    const rootfs = await imageRootfs(roots, 'local/dir:1');
    expect(rootfs.imageId).toBe(record.id);
    expect(rootfs.lowerDirs).toHaveLength(1);
    const lower = rootfs.lowerDirs[0]!;
    expect(lower).toMatch(/\/images\/l\/[a-f0-9]{12}$/);
    expect(statSync(join(lower, 'bin', 'tool')).mode & 0o777).toBe(0o755);
    expect(statSync(join(lower, 'bin', 'tool2')).ino).toBe(statSync(join(lower, 'bin', 'tool')).ino);
    expect(realpathSync(join(lower, 'bin', 'sym'))).toBe(realpathSync(join(lower, 'bin', 'tool')));
    expect(rootfs.config).toEqual({});
  });

  it('imports a gzip tarball, and the same content twice shares one layer', async () => {
    const tgz = join(base, 'rootfs.tgz');
    writeFileSync(tgz, await buildTarGz([{ name: 'etc/os-release', content: 'ID=test\n' }]));
    const a = await importRootfs(roots, tgz, 'local/tgz:a');
    const b = await importRootfs(roots, tgz, 'local/tgz:b');
    expect(a.layers[0]!.diffId).toBe(b.layers[0]!.diffId);
    const { lowerDirs } = await imageRootfs(roots, 'local/tgz:b');
    expect(readFileSync(join(lowerDirs[0]!, 'etc', 'os-release'), 'utf8')).toBe('ID=test\n');
  });

  it('unpacks one layer once when two pulls want it at the same time', async () => {
    const tar = await buildTar([{ name: 'once', content: 'x'.repeat(50_000) }]);
    const { createHash } = await import('node:crypto');
    const diffId = `sha256:${createHash('sha256').update(tar).digest('hex')}`;
    let opened = 0;
    const open = async (): Promise<Readable> => { opened += 1; return Readable.from([tar]); };
    const [x, y] = await Promise.all([ensureLayer(roots, diffId, diffId, open), ensureLayer(roots, diffId, diffId, open)]);
    expect(opened).toBe(1);
    expect(x).toEqual(y);
  });

  it('takes over a lock whose owner died, and serialises live holders', async () => {
    const dead = spawnSync('true').pid;
    mkdirSync(join(roots.run, 'locks', 'images'), { recursive: true });
    writeFileSync(join(roots.run, 'locks', 'images', 'stale.lock'), String(dead));
    const order: string[] = [];
    const hold = (name: string) => withStoreLock(roots, 'stale', async () => {
      order.push(`${name}+`);
      await new Promise((r) => setTimeout(r, 30));
      order.push(`${name}-`);
    });
    await Promise.all([hold('a'), hold('b')]);
    expect([order.slice(0, 2), order.slice(2)].map((pair) => pair[0]!.slice(0, 1) === pair[1]!.slice(0, 1))).toEqual([true, true]);
    expect(existsSync(join(roots.run, 'locks', 'images', 'stale.lock'))).toBe(false);
  });

  it('refuses a layer whose content is not its diff id and leaves nothing behind', async () => {
    const tar = await buildTar([{ name: 'x', content: 'x' }]);
    const wrong = `sha256:${'0'.repeat(64)}`;
    await expect(ensureLayer(roots, wrong, undefined, async () => Readable.from([tar]))).rejects.toThrow(/digest mismatch/);
    expect(existsSync(join(roots.root, 'images', 'layers', '0'.repeat(64)))).toBe(false);
    expect(readdirSync(join(roots.root, 'images', 'tmp'))).toEqual([]);
  });

  it('rmi untags, then deletes images and layers nothing uses', async () => {
    const shared = (await imageRootfs(roots, 'local/tgz:b')).lowerDirs[0]!;
    const first = await removeImage(roots, 'local/tgz:a');
    expect(first.untagged).toEqual(['docker.io/local/tgz:a']);
    expect(first.deletedImages).toHaveLength(1);
    expect(first.deletedLayers).toBe(1);
    expect(existsSync(join(shared, 'etc', 'os-release'))).toBe(true);
    const second = await removeImage(roots, 'local/tgz:b');
    expect(second).toMatchObject({ deletedLayers: 1 });
    expect(existsSync(shared)).toBe(false);
    await expect(imageRootfs(roots, 'local/tgz:b')).rejects.toThrow(/'local\/tgz:b' is not in the image store/);
    const pruned = await pruneImages(roots, { all: true });
    expect(pruned.deletedImages).toHaveLength(1);
    expect(await listImageRecords(roots)).toEqual([]);
    expect(await listReferences(roots)).toEqual({});
    expect(readdirSync(join(roots.root, 'images', 'layers'))).toEqual([]);
    expect(readdirSync(join(roots.root, 'images', 'l'))).toEqual([]);
  });

  it('names a full disk and leaves no partial layer or reference', async () => {
    const tiny = join(base, 'tiny');
    mkdirSync(tiny);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'berth-test-tiny', tiny]);
    try {
      const small: StateRoots = { root: tiny, run: join(base, 'tiny-run') };
      const tarball = join(base, 'big.tar');
      writeFileSync(tarball, await buildTar([{ name: 'big', content: randomBytes(3_000_000) }]));
      await expect(importRootfs(small, tarball, 'local/big:1')).rejects.toMatchObject({ code: 'image.disk-full' });
      expect(readdirSync(join(tiny, 'images', 'tmp'))).toEqual([]);
      expect(await listReferences(small)).toEqual({});
    } finally {
      execFileSync('umount', [tiny]);
    }
  });
});
