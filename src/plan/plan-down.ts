/**
 * planDown(): the plan of `down`. Containers are stopped in reverse dependency order (a service stops
 * only after every service depending on it has stopped), then removed, one-off `run` containers with
 * them; networks go after every container, volumes only with -v, never external ones; images with --rmi.
 * It works from a project, or from just a project name when no compose file is at hand (then everything
 * labelled with the project goes). With services, only those and their dependents go (down-scope.ts).
 */
import type { BerthWarning } from '../errors/index.js';
import { dependentsOf } from '../graph/index.js';
import type { Project } from '../spec/model.js';
import { serviceImage } from './naming.js';
import type { ObservedContainer, ObservedResource, ObservedState } from './observed-state.js';
import { downScope, inUseWarning, keptFor } from './down-scope.js';
import { findOrphans, orphanWarning, planContainerRemoval } from './orphans.js';
import { PlanBuilder } from './plan-builder.js';
import type { Plan } from './plan-types.js';
import { serviceDag } from './reconcile-options.js';
import { stopSettings } from './service-ops.js';

/** Options of planDown(), one per `down` flag. */
export interface DownOptions {
  /** Remove named and anonymous volumes (`-v`), never external ones. */
  volumes?: boolean;
  removeOrphans?: boolean;
  /** Leave orphans in place without a warning (COMPOSE_IGNORE_ORPHANS). */
  ignoreOrphans?: boolean;
  /** Remove the images: `local` only those built for the project (no `image:` key), `all` every one. */
  rmi?: 'local' | 'all';
  /** Seconds before SIGKILL (`-t`). */
  timeout?: number;
  /** Only these services and their dependents (`down SERVICE...`), see down-scope.ts. */
  services?: readonly string[];
}

/** The plan that takes a project (or everything labelled with a project name) away. */
export function planDown(target: Project | string, observed: ObservedState, options: DownOptions = {}): Plan {
  const project = typeof target === 'string' ? undefined : target;
  const name = typeof target === 'string' ? target : target.name;
  const builder = new PlanBuilder();
  const warnings: BerthWarning[] = [];
  const mine = observed.containers.filter((c) => c.project === name);
  const scope = (options.services ?? []).length > 0 ? downScope(project, options.services ?? [], mine) : undefined;
  // One-off (`run`) containers always go: they hold the project's networks and volumes.
  const orphans = project === undefined ? [] : findOrphans(project, mine).filter((c) => !c.oneoff);
  if (orphans.length > 0 && options.removeOrphans !== true && options.ignoreOrphans !== true) warnings.push(orphanWarning(orphans));
  const leaving = mine.filter((c) => (!orphans.includes(c) && (scope === undefined || scope.services.has(c.service))) || (orphans.includes(c) && options.removeOrphans === true));
  const left = mine.filter((c) => !leaving.includes(c));
  const stop = (c: ObservedContainer) => stopSettings(project?.services[c.service], options);
  const removals = [
    ...planContainerRemoval(builder, leaving.filter((c) => !orphans.includes(c)), 'down', stop),
    ...planContainerRemoval(builder, leaving.filter((c) => orphans.includes(c)), 'orphan', stop),
  ];
  if (project !== undefined) orderStops(builder, project, leaving);
  // A scoped down, and one leaving orphans running (as Compose does), keeps what the containers left use;
  // an anonymous volume goes with its own container.
  const keeps = scope?.keeps ?? (left.length > 0 ? keptFor(project, left) : undefined);
  const kept = (kind: 'network' | 'volume', n: Named): boolean => {
    if (keeps === undefined) return false;
    const owner = kind === 'volume' ? anonymousVolume(observed, n) : undefined;
    if (owner !== undefined) return left.some((c) => c.name === owner);
    const keep = keeps(kind, n.name);
    if (keep) warnings.push(inUseWarning(kind, n.name));
    return keep;
  };
  for (const network of networksToRemove(project, name, observed.networks).filter((n) => !kept('network', n))) {
    builder.add({ kind: 'remove-network', resource: `network:${network.key}`, cause: 'down', key: network.key, name: network.name, dependsOn: removals });
  }
  if (options.volumes === true) {
    for (const volume of volumesToRemove(project, name, observed.volumes).filter((v) => !kept('volume', v))) {
      builder.add({ kind: 'remove-volume', resource: `volume:${volume.key}`, cause: 'down -v', key: volume.key, name: volume.name, dependsOn: removals });
    }
  }
  for (const image of imagesToRemove(project, observed, options.rmi).filter((i) => keeps === undefined || !keeps('image', i))) {
    builder.add({ kind: 'remove-image', resource: `image:${image}`, cause: `down --rmi ${options.rmi ?? ''}`, image, dependsOn: removals });
  }
  return { project: name, ops: builder.ops(), warnings, upToDate: 0 };
}

/** Makes each service's stops wait for the stops of every service that depends on it, transitively. */
function orderStops(builder: PlanBuilder, project: Project, leaving: readonly ObservedContainer[]): void {
  const dag = serviceDag(project);
  const stopsOf = (service: string): string[] => leaving.filter((c) => c.service === service && !c.oneoff).map((c) => `stop-container:${c.id}`).filter((id) => builder.has(id));
  for (const service of dag.nodes) {
    const later = new Set<string>();
    const visit = (n: string): void => dependentsOf(dag, n).forEach((d) => (later.has(d) ? undefined : (later.add(d), visit(d))));
    visit(service);
    const before = [...later].flatMap(stopsOf);
    for (const id of stopsOf(service)) builder.depend(id, before);
  }
}

/** The container an observed anonymous volume was made for (undefined for other volumes). */
function anonymousVolume(observed: ObservedState, volume: Named): string | undefined {
  return observed.volumes.find((v) => v.name === volume.name)?.container;
}

interface Named {
  key: string;
  name: string;
}

function networksToRemove(project: Project | undefined, name: string, observed: readonly ObservedResource[]): Named[] {
  const declared = Object.entries(project?.networks ?? {}).filter(([, n]) => n.external !== true).map(([key, n]) => ({ key, name: n.name }));
  return existingOf(declared, name, observed);
}

function volumesToRemove(project: Project | undefined, name: string, observed: readonly ObservedResource[]): Named[] {
  const declared = Object.entries(project?.volumes ?? {}).filter(([, v]) => v.external !== true).map(([key, v]) => ({ key, name: v.name }));
  return existingOf(declared, name, observed);
}

/** The declared resources that exist, then the other existing ones labelled with the project. */
function existingOf(declared: Named[], projectName: string, observed: readonly ObservedResource[]): Named[] {
  const exists = new Set(observed.map((o) => o.name));
  const out = declared.filter((d) => exists.has(d.name));
  const taken = new Set(declared.map((d) => d.name));
  for (const o of observed) if (o.project === projectName && !taken.has(o.name)) out.push({ key: o.name, name: o.name });
  return out;
}

function imagesToRemove(project: Project | undefined, observed: ObservedState, rmi: DownOptions['rmi']): string[] {
  if (project === undefined || rmi === undefined) return [];
  const services = Object.values(project.services).filter((s) => rmi === 'all' || s.image === undefined);
  return [...new Set(services.map((s) => serviceImage(project, s)))].filter((image) => observed.images[image] !== undefined).sort();
}
