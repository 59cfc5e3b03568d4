/**
 * Sweeps against pulls and loads in progress: a pinned layer survives a sweep until its operation ends,
 * pins of dead processes count for nothing, and imports racing a loop of prunes always end with a whole
 * image (no layer swept between its unpacking and its record).
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { StateRoots } from '../state-roots.js';
import { pruneImages, sweepLayers } from './image-gc.js';
import { importRootfs } from './image-import.js';
import { imageRootfs } from './image-rootfs.js';
import { pinnedDigests, withLayerPins } from './layer-pins.js';
import { ensureLayer, hasLayer } from './layer-store.js';
import { buildTar } from './test-support/tar-builder.js';

const base = mkdtempSync(join(tmpdir(), 'berth-im-pins-'));
let n = 0;
const freshRoots = (): StateRoots => { n += 1; return { root: join(base, `root${n}`), run: join(base, `run${n}`) }; };

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe.skipIf(process.getuid?.() !== 0)('layer pins against sweeps (needs root: owners of unpacked layers)', () => {
  it('keeps a pinned layer through a sweep and frees it once the operation ends', async () => {
    const roots = freshRoots();
    const tar = await buildTar([{ name: 'f', content: 'pinned' }]);
    const diffId = `sha256:${createHash('sha256').update(tar).digest('hex')}`;
    await withLayerPins(roots, async (pins) => {
      await ensureLayer(roots, diffId, diffId, async () => Readable.from([tar]), { pins });
      expect(await pinnedDigests(roots)).toEqual(new Set([diffId]));
      expect(await sweepLayers(roots)).toBe(0);
      expect(await hasLayer(roots, diffId)).toBe(true);
    });
    expect(await pinnedDigests(roots)).toEqual(new Set());
    expect(await sweepLayers(roots)).toBe(1);
    expect(await hasLayer(roots, diffId)).toBe(false);
  });

  it('ignores and removes the pins of a dead process', async () => {
    const roots = freshRoots();
    const dead = spawnSync('true').pid;
    mkdirSync(join(roots.run, 'images', 'pins'), { recursive: true });
    writeFileSync(join(roots.run, 'images', 'pins', `${dead}-x.json`), JSON.stringify({ pid: dead, layers: [`sha256:${'1'.repeat(64)}`] }));
    expect(await pinnedDigests(roots)).toEqual(new Set());
    expect(spawnSync('ls', [join(roots.run, 'images', 'pins')], { encoding: 'utf8' }).stdout).toBe('');
  });

  it('never leaves an imported image without its layer while prunes run in a loop', async () => {
    const roots = freshRoots();
    let importing = true;
    const prunes = (async () => {
      let count = 0;
      while (importing) {
        await pruneImages(roots);
        count += 1;
      }
      return count;
    })();
    try {
      for (let i = 0; i < 8; i += 1) {
        const tarball = join(base, `rootfs-${n}-${i}.tar`);
        writeFileSync(tarball, await buildTar([{ name: 'data', content: randomBytes(256 * 1024) }]));
        await importRootfs(roots, tarball, `im/race:${i}`);
        const { lowerDirs } = await imageRootfs(roots, `im/race:${i}`);
        expect(lowerDirs).toHaveLength(1);
      }
    } finally {
      importing = false;
    }
    expect(await prunes).toBeGreaterThan(0);
  });
});
