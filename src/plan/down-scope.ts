/**
 * `down SERVICE...` as Docker Compose v2 does it: the named services and, transitively, every service
 * that depends on them lose their containers (one-offs included); a network, volume or image goes only
 * when no container left behind uses it (Compose leaves those "still in use", with a warning). Without
 * a compose file the services are matched by their containers' labels alone. Pure.
 */
import { BerthError, type BerthWarning } from '../errors/index.js';
import { dependentsOf } from '../graph/index.js';
import type { Project } from '../spec/model.js';
import { serviceImage } from './naming.js';
import type { ObservedContainer } from './observed-state.js';
import { serviceDag } from './reconcile-options.js';

/** What a scoped down keeps: the containers left, and what they use. */
export interface DownScope {
  /** The services whose containers go (the named ones and their dependents). */
  services: ReadonlySet<string>;
  /** Whether a network, volume or image (by resolved name or reference) is used by a container left. */
  keeps(kind: Kind, name: string): boolean;
}

/** The scope of `down services`; a service the compose file lacks is a not-found error. */
export function downScope(project: Project | undefined, services: readonly string[], mine: readonly ObservedContainer[]): DownScope {
  const selected = new Set(services);
  if (project !== undefined) {
    for (const s of services) {
      if (project.services[s] === undefined) throw new BerthError('not-found', 'service.not-found', `no such service: ${s}`, { hint: 'list the services with `berth config --services`' });
    }
    const dag = serviceDag(project);
    const visit = (n: string): void => dependentsOf(dag, n).forEach((d) => (selected.has(d) ? undefined : (selected.add(d), visit(d))));
    services.forEach(visit);
  }
  return { services: selected, keeps: keptFor(project, mine.filter((c) => !selected.has(c.service))) };
}

/** Whether a network, volume or image is used by one of the containers `left` behind (orphans a down keeps too). */
export function keptFor(project: Project | undefined, left: readonly ObservedContainer[]): DownScope['keeps'] {
  const used = usedBy(project, left);
  return (kind, name) => used[kind] === 'all' || used[kind].has(name);
}

/** A warning for a resource a scoped down leaves because containers still use it. */
export function inUseWarning(kind: 'network' | 'volume', name: string): BerthWarning {
  return { code: `down.${kind}-in-use`, message: `${kind} ${name} is still in use by containers left running, so it was kept` };
}

type Kind = 'network' | 'volume' | 'image';

// A container of a service the file does not know (or with no file at hand) may use any volume or image,
// and any network unless its record names them.
function usedBy(project: Project | undefined, left: readonly ObservedContainer[]): Record<Kind, Set<string> | 'all'> {
  const network = new Set<string>();
  const volume = new Set<string>();
  const image = new Set<string>();
  let unknown: 'none' | 'networks-known' | 'all' = 'none';
  for (const c of left) {
    const service = project?.services[c.service];
    if (project === undefined || service === undefined) {
      if (c.networks === undefined) unknown = 'all';
      else if (unknown === 'none') unknown = 'networks-known';
      c.networks?.forEach((n) => network.add(n));
      continue;
    }
    for (const key of Object.keys(service.networks ?? {})) network.add(project.networks[key]?.name ?? key);
    for (const v of service.volumes ?? []) if (v.type === 'volume' && v.source !== undefined) volume.add(project.volumes[v.source]?.name ?? v.source);
    image.add(serviceImage(project, service));
  }
  if (unknown === 'all') return { network: 'all', volume: 'all', image: 'all' };
  return unknown === 'networks-known' ? { network, volume: 'all', image: 'all' } : { network, volume, image };
}
