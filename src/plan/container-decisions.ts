/**
 * What to do with one service's containers, decided from the observed ones (§2.6 of the reference):
 * surplus containers go first (duplicates of a number, then obsolete hashes, then the highest numbers);
 * each kept one is recreated when the policy or a change says so, started when stopped, else left alone;
 * missing numbers (lowest free first) are created.
 */
import type { ObservedContainer } from './observed-state.js';

/** How a service's existing containers may be recreated: Compose's force / diverged / never. */
export type RecreatePolicy = 'force' | 'diverged' | 'never';

/** The desired state of one service, as the reconciler computed it. */
export interface ServiceTarget {
  replicas: number;
  configHash: string;
  /** The id of the image the service's reference resolves to now (absent when not in the store). */
  imageId: string | undefined;
  /** Resolved names of the networks every container must be attached to. */
  networks: readonly string[];
  policy: RecreatePolicy;
  /** Set when a dependency with depends_on.restart is being recreated. */
  dependencyRecreated: boolean;
}

/** A container and why something happens to it. */
export interface Decided {
  container: ObservedContainer;
  cause: string;
}

/** The decisions for one service. */
export interface ServiceDecisions {
  remove: Decided[];
  recreate: Decided[];
  start: Decided[];
  create: number[];
  upToDate: number;
}

/** Decides the fate of a service's (non one-off) containers. */
export function decideService(containers: readonly ObservedContainer[], target: ServiceTarget): ServiceDecisions {
  const duplicates = duplicatesOf(containers, target.configHash);
  const ranked = [...containers].sort((a, b) => surplusRank(b, target, duplicates) - surplusRank(a, target, duplicates) || b.number - a.number || a.id.localeCompare(b.id));
  const surplus = ranked.slice(0, Math.max(0, containers.length - target.replicas));
  const kept = containers.filter((c) => !surplus.includes(c)).sort((a, b) => a.number - b.number);
  const out: ServiceDecisions = { remove: [], recreate: [], start: [], create: [], upToDate: 0 };
  for (const c of surplus) out.remove.push({ container: c, cause: duplicates.has(c) ? 'duplicate number' : 'scale down' });
  for (const c of kept) {
    const cause = recreateCause(c, target);
    if (cause !== undefined) out.recreate.push({ container: c, cause });
    else if (c.status === 'created' || c.status === 'exited') out.start.push({ container: c, cause: 'not running' });
    else out.upToDate += 1;
  }
  const used = new Set(kept.map((c) => c.number));
  for (let n = 1; used.size + out.create.length < target.replicas; n += 1) if (!used.has(n)) out.create.push(n);
  return out;
}

/** Why a kept container must be recreated, or undefined. */
function recreateCause(c: ObservedContainer, target: ServiceTarget): string | undefined {
  if (target.policy === 'never') return undefined;
  if (target.policy === 'force') return 'forced';
  if (c.configHash !== target.configHash) return 'config hash changed';
  if (target.imageId !== undefined && c.imageId !== undefined && c.imageId !== target.imageId) return 'image changed';
  const missing = c.networks === undefined || c.status !== 'running' ? undefined : target.networks.find((n) => !c.networks!.includes(n));
  if (missing !== undefined) return `network ${missing} missing`;
  if (target.dependencyRecreated) return 'dependency recreated (depends_on.restart)';
  if (c.status === 'dead') return 'monitor lost (dead)';
  return undefined;
}

function surplusRank(c: ObservedContainer, target: ServiceTarget, duplicates: ReadonlySet<ObservedContainer>): number {
  if (duplicates.has(c)) return 2;
  return c.configHash !== target.configHash ? 1 : 0;
}

/** Containers sharing a number with a better one (matching hash first, then newest). */
function duplicatesOf(containers: readonly ObservedContainer[], hash: string): Set<ObservedContainer> {
  const best = new Map<number, ObservedContainer>();
  const better = (a: ObservedContainer, b: ObservedContainer): boolean =>
    (a.configHash === hash) !== (b.configHash === hash) ? a.configHash === hash : a.createdAt > b.createdAt;
  for (const c of containers) {
    const current = best.get(c.number);
    if (current === undefined || better(c, current)) best.set(c.number, c);
  }
  return new Set(containers.filter((c) => best.get(c.number) !== c));
}
