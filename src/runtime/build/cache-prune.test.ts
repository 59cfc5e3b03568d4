import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { layerDir } from '../image/store-layout.js';
import type { StateRoots } from '../state-roots.js';
import { BuildLease } from './build-lease.js';
import { pruneBuildCache } from './cache-prune.js';
import { buildCacheDir } from './step-cache.js';

const DAY = 24 * 3600 * 1000;
const NOW = Date.parse('2026-01-20T00:00:00Z');

describe('build cache prune', () => {
  let dir = '';
  let roots: StateRoots;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'berth-bf-prune-'));
    roots = { root: join(dir, 'root'), run: join(dir, 'run') };
    const kept = `sha256:${'a'.repeat(64)}`;
    mkdirSync(join(layerDir(roots, kept), 'diff'), { recursive: true });
    step('live', kept);
    step('gone', `sha256:${'b'.repeat(64)}`);
    entry('mounts', 'fresh', NOW - DAY);
    entry('mounts', 'stale', NOW - 8 * DAY);
    entry('tmp', 'crashed', NOW - 2 * DAY);
    entry('tmp', 'running', NOW - 60_000);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function step(key: string, diffId: string): void {
    mkdirSync(buildCacheDir(roots, 'steps'), { recursive: true });
    writeFileSync(join(buildCacheDir(roots, 'steps'), `${key}.json`), JSON.stringify({ diffId, digest: diffId, size: 1 }));
  }

  function entry(kind: string, name: string, mtime: number): void {
    const path = buildCacheDir(roots, kind, name);
    mkdirSync(path, { recursive: true });
    writeFileSync(join(path, 'data'), 'x'.repeat(100));
    utimesSync(path, mtime / 1000, mtime / 1000);
  }

  const left = (kind: string): string[] => readdirSync(buildCacheDir(roots, kind)).sort();

  it('removes by default step records whose layer is gone, mounts unused for 7 days and old temp dirs', async () => {
    const report = await pruneBuildCache(roots, { now: NOW });
    expect(report).toEqual({ steps: 1, mounts: 1, temps: 1, bytes: 200, keptForRunningBuilds: 0 });
    expect(left('steps')).toEqual(['live.json']);
    expect(left('mounts')).toEqual(['fresh']);
    expect(left('tmp')).toEqual(['running']);
  });

  it('removes every step record and cache mount with all', async () => {
    const report = await pruneBuildCache(roots, { all: true, now: NOW });
    expect(report).toMatchObject({ steps: 2, mounts: 2, temps: 1 });
    expect(left('steps')).toEqual([]);
    expect(left('mounts')).toEqual([]);
  });

  it('keeps cache mounts while a build is running', async () => {
    const lease = new BuildLease(roots);
    try {
      const report = await pruneBuildCache(roots, { all: true, now: NOW });
      expect(report).toMatchObject({ mounts: 0, keptForRunningBuilds: 2 });
      expect(left('mounts')).toEqual(['fresh', 'stale']);
    } finally {
      lease.end();
    }
  });
});
