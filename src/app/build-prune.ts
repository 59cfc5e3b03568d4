/**
 * `berth builder prune`: first removes what crashed builds left (their RUN containers and namespaces, an
 * unused build network), then prunes the build cache: by default step records whose layer is gone, cache
 * mounts unused for 7 days and old temp dirs; with `all`, every step record and cache mount.
 */
import { pruneBuildCache, sweepBuildLeftovers, type CachePruneReport } from '../runtime/build/index.js';
import { runtimeContext } from './runtime-context.js';

export type { CachePruneReport } from '../runtime/build/index.js';

/** Prunes the build cache of this process's state roots. */
export async function pruneBuilder(options: { all?: boolean }): Promise<CachePruneReport> {
  const ctx = runtimeContext();
  await sweepBuildLeftovers(ctx);
  return pruneBuildCache(ctx.roots, { all: options.all === true });
}
