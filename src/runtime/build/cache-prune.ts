/**
 * Pruning the build cache (BERTH_ROOT/build-cache). By default: step records whose layer the image store
 * no longer has (they can never hit), RUN cache-mount dirs not used for 7 days (a RUN that mounts one
 * stamps its mtime), and temp dirs crashed builds left (older than a day). `all` removes every step
 * record and cache mount too. Cache mounts stay while a build runs (a live lease), as a RUN may have one
 * mounted. Layers belong to the image store; `berth image prune` removes those nothing uses.
 */
import { lstat, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { StateRoots } from '../state-roots.js';
import { listLeases } from './build-lease.js';
import { buildCacheDir, cachedStep } from './step-cache.js';

/** How long an unused cache mount is kept by default. */
const CACHE_MOUNT_MAX_AGE_MS = 7 * 24 * 3600 * 1000;
const TEMP_MAX_AGE_MS = 24 * 3600 * 1000;

/** What to prune; `now` is the clock (ms since the epoch). */
export interface CachePruneOptions {
  all?: boolean | undefined;
  now?: number | undefined;
}

/** What a prune removed, and the cache mounts it had to keep because builds were running. */
export interface CachePruneReport {
  steps: number;
  mounts: number;
  temps: number;
  /** Bytes of the removed cache mounts and temp dirs. */
  bytes: number;
  keptForRunningBuilds: number;
}

/** Prunes the build cache of `roots` as `options` say. */
export async function pruneBuildCache(roots: StateRoots, options: CachePruneOptions = {}): Promise<CachePruneReport> {
  const now = options.now ?? Date.now();
  const building = listLeases(roots).some((l) => l.live);
  const mounts = await oldEntries(buildCacheDir(roots, 'mounts'), options.all === true ? Number.POSITIVE_INFINITY : now - CACHE_MOUNT_MAX_AGE_MS);
  const temps = await oldEntries(buildCacheDir(roots, 'tmp'), now - TEMP_MAX_AGE_MS);
  const removed = [...(building ? [] : mounts), ...temps];
  let bytes = 0;
  for (const path of removed) {
    bytes += await treeSize(path);
    await rm(path, { recursive: true, force: true });
  }
  return { steps: await pruneSteps(roots, options.all === true), mounts: building ? 0 : mounts.length, temps: temps.length, bytes, keptForRunningBuilds: building ? mounts.length : 0 };
}

/** Removes step records (all, or those whose layer is gone); returns how many. */
async function pruneSteps(roots: StateRoots, all: boolean): Promise<number> {
  const dir = buildCacheDir(roots, 'steps');
  let removed = 0;
  for (const name of await entries(dir)) {
    if (!name.endsWith('.json')) continue;
    if (!all && (await cachedStep(roots, name.slice(0, -'.json'.length))) !== undefined) continue;
    await rm(join(dir, name), { force: true });
    removed += 1;
  }
  return removed;
}

/** The entries of `dir` last modified before `before` (ms). */
async function oldEntries(dir: string, before: number): Promise<string[]> {
  const old: string[] = [];
  for (const name of await entries(dir)) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info !== undefined && info.mtimeMs < before) old.push(path);
  }
  return old;
}

async function entries(dir: string): Promise<string[]> {
  return readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
}

/** The bytes of the files under `path`, not following symlinks. */
async function treeSize(path: string): Promise<number> {
  const info = await lstat(path).catch(() => undefined);
  if (info === undefined) return 0;
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const name of await entries(path)) total += await treeSize(join(path, name));
  return total;
}
