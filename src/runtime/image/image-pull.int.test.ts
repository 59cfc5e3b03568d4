import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StateRoots } from '../state-roots.js';
import { listImageRecords } from './image-record.js';
import { imageRootfs } from './image-rootfs.js';
import { pullImage, pullImages } from './image-pull.js';
import type { PullEvent } from './pull-progress.js';
import { listReferences } from './repositories.js';
import { buildTar, buildTarGz, zstdCompress } from './test-support/tar-builder.js';
import { tagInLayout, writeImage, writeIndex } from './test-support/oci-layout.js';
import { startFlakyProxy } from './test-support/flaky-proxy.js';
import { freePort, pushLayout, startRegistry, type TestRegistry } from './test-support/registry.js';

const base = mkdtempSync(join(tmpdir(), 'berth-pull-'));
let registry: TestRegistry | undefined;
let host = '';
let n = 0;
const freshRoots = (): StateRoots => { n += 1; return { root: join(base, `root${n}`), run: join(base, `run${n}`) }; };
const noConfig = join(base, 'no-docker-config.json');
const zstdDigests: string[] = [];

async function layeredLayout(layout: string): Promise<void> {
  const l1 = await buildTar([
    { name: 'etc/a', content: 'v1' }, { name: 'etc/b', content: 'b' },
    { name: 'dir/x', content: 'x' }, { name: 'dir/y', content: 'y' }, { name: 'keep/k', content: 'k' },
  ]);
  const l2 = await buildTar([
    { name: 'etc/.wh.b' }, { name: 'dir/.wh..wh..opq' }, { name: 'dir/z', content: 'z' },
    { name: 'bin/tool', content: '#!/bin/sh\n', mode: 0o755 }, { name: 'bin/tool2', type: 'link', linkname: 'bin/tool' },
  ]);
  const l3 = await buildTar([{ name: 'etc/a', content: 'v3' }]);
  const image = writeImage(layout, {
    layers: [{ tar: l1, blob: await buildTarGz([{ name: 'etc/a', content: 'v1' }, { name: 'etc/b', content: 'b' }, { name: 'dir/x', content: 'x' }, { name: 'dir/y', content: 'y' }, { name: 'keep/k', content: 'k' }]) }, { tar: l2 }, { tar: l3 }],
    config: { Cmd: ['/bin/tool'], Env: ['A=1'] },
  });
  tagInLayout(layout, 'v1', image);
  const amd = writeImage(layout, { layers: [{ tar: await buildTar([{ name: 'arch', content: 'amd64' }]) }], architecture: 'amd64' });
  const arm = writeImage(layout, { layers: [{ tar: await buildTar([{ name: 'arch', content: 'arm64' }]) }], architecture: 'arm64' });
  tagInLayout(layout, 'multi', writeIndex(layout, [amd, arm]));
  const z1 = await buildTar([{ name: 'etc/a', content: 'z1' }, { name: 'etc/gone', content: 'g' }, { name: 'big', content: Buffer.alloc(300_000, 'z') }]);
  const z2 = await buildTar([{ name: 'etc/.wh.gone' }, { name: 'etc/a', content: 'z2' }]);
  const zstdLayer = (tar: Buffer) => {
    const blob = zstdCompress(tar);
    zstdDigests.push(`sha256:${createHash('sha256').update(blob).digest('hex')}`);
    return { tar, blob, mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd' };
  };
  tagInLayout(layout, 'zstd', writeImage(layout, { layers: [zstdLayer(z1), zstdLayer(z2)] }));
}

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe.skipIf(process.getuid?.() !== 0)('image pull from a real loopback registry (needs root: overlay mount, whiteouts)', () => {
  beforeAll(async () => {
    mkdirSync(join(base, 'registry'));
    registry = await startRegistry(join(base, 'registry'));
    host = registry.host;
    await layeredLayout(join(base, 'layout'));
    await pushLayout(join(base, 'layout'), 'v1', host, 'test/layered:v1');
    await pushLayout(join(base, 'layout'), 'multi', host, 'test/multi:1');
    await pushLayout(join(base, 'layout'), 'zstd', host, 'test/zstd:1');
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('pulls a layered image whose merged overlay view has whiteouts, opaque dirs and hard links', async () => {
    const roots = freshRoots();
    const events: PullEvent[] = [];
    const record = await pullImage(roots, `${host}/test/layered:v1`, { dockerConfig: noConfig }, (e) => events.push(e));
    expect(record.layers).toHaveLength(3);
    expect(events.filter((e) => e.kind === 'layer' && e.status === 'done')).toHaveLength(3);
    const { lowerDirs, config } = await imageRootfs(roots, `${host}/test/layered:v1`);
    expect(config).toMatchObject({ Cmd: ['/bin/tool'], Env: ['A=1'] });
    const mnt = join(base, 'merged');
    mkdirSync(mnt, { recursive: true });
    execFileSync('mount', ['-t', 'overlay', 'overlay', '-o', `lowerdir=${lowerDirs.join(':')}`, mnt]);
    try {
      expect(readFileSync(join(mnt, 'etc/a'), 'utf8')).toBe('v3');
      expect(existsSync(join(mnt, 'etc/b'))).toBe(false);
      expect(readdirSync(join(mnt, 'dir'))).toEqual(['z']);
      expect(readFileSync(join(mnt, 'keep/k'), 'utf8')).toBe('k');
      expect(statSync(join(mnt, 'bin/tool2')).ino).toBe(statSync(join(mnt, 'bin/tool')).ino);
      expect(statSync(join(mnt, 'bin/tool')).mode & 0o777).toBe(0o755);
    } finally {
      execFileSync('umount', [mnt]);
    }
    expect(lstatSync(join(lowerDirs[1]!, 'etc/b')).isCharacterDevice()).toBe(true);
  });

  it('pulls zstd layers, checking both digests, whiteouts included', async () => {
    const roots = freshRoots();
    const record = await pullImage(roots, `${host}/test/zstd:1`, { dockerConfig: noConfig });
    expect(record.layers.map((l) => l.digest)).toEqual(zstdDigests);
    const { lowerDirs } = await imageRootfs(roots, `${host}/test/zstd:1`);
    expect(readFileSync(join(lowerDirs[0]!, 'etc/a'), 'utf8')).toBe('z2');
    expect(lstatSync(join(lowerDirs[0]!, 'etc/gone')).isCharacterDevice()).toBe(true);
    expect(statSync(join(lowerDirs[1]!, 'big')).size).toBe(300_000);
  });

  it('chooses the platform from a multi-platform index', async () => {
    const roots = freshRoots();
    await pullImage(roots, `${host}/test/multi:1`, { dockerConfig: noConfig, platform: { os: 'linux', architecture: 'arm64' } });
    const arm = await imageRootfs(roots, `${host}/test/multi:1`);
    expect(readFileSync(join(arm.lowerDirs[0]!, 'arch'), 'utf8')).toBe('arm64');
    await pullImage(roots, `${host}/test/multi:1`, { dockerConfig: noConfig, platform: { os: 'linux', architecture: 'amd64' } });
    const amd = await imageRootfs(roots, `${host}/test/multi:1`);
    expect(readFileSync(join(amd.lowerDirs[0]!, 'arch'), 'utf8')).toBe('amd64');
    await expect(pullImage(roots, `${host}/test/multi:1`, { dockerConfig: noConfig, platform: { os: 'linux', architecture: 's390x' } }))
      .rejects.toMatchObject({ code: 'image.no-platform', message: expect.stringContaining('linux/s390x') as unknown });
  });

  it('pulls several images in parallel and shares what is already there', async () => {
    const roots = freshRoots();
    const results = await pullImages(roots, [`${host}/test/layered:v1`, `${host}/test/multi:1`, `${host}/test/nope:1`], { dockerConfig: noConfig });
    expect(results.map((r) => 'record' in r)).toEqual([true, true, false]);
    const events: PullEvent[] = [];
    await pullImage(roots, `${host}/test/layered:v1`, { dockerConfig: noConfig }, (e) => events.push(e));
    expect(events.filter((e) => e.kind === 'layer').map((e) => e.kind === 'layer' && e.status)).toEqual(['exists', 'exists', 'exists']);
  });

  it.each([
    ['an unknown image', 'test/nope:1', 'image.not-found'],
    ['an unknown tag', 'test/layered:nope', 'image.tag-not-found'],
  ])('names %s and stores nothing', async (_what, name, code) => {
    const roots = freshRoots();
    await expect(pullImage(roots, `${host}/${name}`, { dockerConfig: noConfig })).rejects.toMatchObject({ code });
    expect(await listReferences(roots)).toEqual({});
  });

  it('retries blobs after a 503 and follows blob redirects', async () => {
    const proxy = await startFlakyProxy(host);
    try {
      const roots = freshRoots();
      await pullImage(roots, `${proxy.host}/test/layered:v1`, { dockerConfig: noConfig });
      expect(proxy.counts).toEqual({ failed: 4, redirected: 4 });
      const { lowerDirs } = await imageRootfs(roots, `${proxy.host}/test/layered:v1`);
      expect(readFileSync(join(lowerDirs[0]!, 'etc/a'), 'utf8')).toBe('v3');
    } finally {
      await proxy.stop();
    }
  });

  it('names an unreachable registry', async () => {
    const port = await freePort();
    await expect(pullImage(freshRoots(), `127.0.0.1:${port}/x:1`, { dockerConfig: noConfig }))
      .rejects.toMatchObject({ code: 'image.registry-unreachable' });
  });

  it.each([
    ['a digest mismatch', (data: Buffer) => Buffer.concat([data.subarray(0, 4), Buffer.from([1, 2, 3, 4]), data.subarray(8)]), 'image.digest-mismatch'],
    ['damaged data', (data: Buffer) => Buffer.alloc(data.length, 7), 'image.layer-corrupt'],
    ['a truncated blob', (data: Buffer) => data.subarray(0, data.length - 10), 'image.blob-truncated'],
  ])('refuses %s and leaves no layer or reference', async (_what, damage, code) => {
    const dir = join(base, `registry-${n += 1}`);
    mkdirSync(dir);
    const damaged = await startRegistry(dir);
    try {
      await pushLayout(join(base, 'layout'), 'v1', damaged.host, 'test/layered:v1');
      const blobs = join(dir, 'data', 'docker', 'registry', 'v2', 'blobs', 'sha256');
      const layerFile = readdirSync(blobs).flatMap((p) => readdirSync(join(blobs, p)).map((h) => join(blobs, p, h, 'data')))
        .find((f) => readFileSync(f).subarray(0, 2).equals(Buffer.from([0x1f, 0x8b])))!;
      writeFileSync(layerFile, damage(readFileSync(layerFile)));
      const roots = freshRoots();
      await expect(pullImage(roots, `${damaged.host}/test/layered:v1`, { dockerConfig: noConfig, layerAttempts: 1 })).rejects.toMatchObject({ code });
      await new Promise((r) => setTimeout(r, 200));
      expect(await listReferences(roots)).toEqual({});
      expect(await listImageRecords(roots)).toEqual([]);
      expect(readdirSync(join(roots.root, 'images', 'tmp'))).toEqual([]);
      expect(existsSync(join(roots.root, 'images', 'layers')) ? readdirSync(join(roots.root, 'images', 'layers')).length : 0).toBeLessThan(3);
    } finally {
      await damaged.stop();
    }
  });

});
