/**
 * reconcile(): the pure heart of `up`. From the canonical project, what exists now and the `up` flags it
 * returns the Plan that converges them: orphans warned about or removed, missing networks and volumes
 * created, each service's containers removed, recreated, started or created (container-decisions.ts), and
 * starts ordered by depends_on. An unchanged project gives an empty plan.
 */
import type { BerthWarning } from '../errors/index.js';
import { startLevels } from '../graph/index.js';
import type { Project } from '../spec/model.js';
import { serviceConfigHash } from './config-hash.js';
import { decideService, type RecreatePolicy, type ServiceDecisions } from './container-decisions.js';
import { serviceImage } from './naming.js';
import type { ObservedState } from './observed-state.js';
import { findOrphans, orphanWarning, planContainerRemoval } from './orphans.js';
import { PlanBuilder } from './plan-builder.js';
import type { Plan } from './plan-types.js';
import { planResourceCreation, serviceNetworkKeys } from './project-resources.js';
import { desiredReplicas, scopeOf, serviceDag, type ReconcileOptions, type Scope } from './reconcile-options.js';
import { planServiceOps, stopSettings } from './service-ops.js';
import { linkStartOrder } from './start-order.js';

/** The plan that brings `observed` to what `project` declares. */
export function reconcile(project: Project, observed: ObservedState, options: ReconcileOptions = {}): Plan {
  const scope = scopeOf(project, options);
  const builder = new PlanBuilder();
  const warnings: BerthWarning[] = [];
  const mine = observed.containers.filter((c) => c.project === project.name);
  const orphans = findOrphans(project, mine);
  if (orphans.length > 0 && options.removeOrphans === true) planContainerRemoval(builder, orphans, 'orphan', () => stopSettings(undefined, options));
  else if (orphans.length > 0 && options.ignoreOrphans !== true) warnings.push(orphanWarning(orphans));
  const decisions = decideAll(project, scope, mine, observed, options);
  const services = scope.services.map((name) => project.services[name]!);
  const creating = services.filter((s) => decisions.get(s.name)!.create.length + decisions.get(s.name)!.recreate.length > 0);
  const resources = planResourceCreation(builder, project, creating, observed);
  const starts = new Map<string, string[]>();
  for (const service of services) {
    starts.set(service.name, planServiceOps(builder, { project, service, decisions: decisions.get(service.name)!, resources, observed, options }));
  }
  linkStartOrder(builder, project, starts, options);
  const upToDate = [...decisions.values()].reduce((sum, d) => sum + d.upToDate, 0);
  return { project: project.name, ops: builder.ops(), warnings, upToDate };
}

/** Decisions per service in scope, dependencies first so a recreate can cascade to dependents. */
function decideAll(project: Project, scope: Scope, mine: ObservedState['containers'], observed: ObservedState, options: ReconcileOptions): Map<string, ServiceDecisions> {
  const inScope = new Set(scope.services);
  const recreated = new Set<string>();
  const out = new Map<string, ServiceDecisions>();
  for (const name of startLevels(serviceDag(project)).flat().filter((n) => inScope.has(n))) {
    const service = project.services[name]!;
    const dependencyRecreated = Object.entries(service.depends_on ?? {}).some(([d, dep]) => dep.restart && recreated.has(d));
    const decided = decideService(mine.filter((c) => c.service === name && !c.oneoff), {
      replicas: desiredReplicas(service, options),
      configHash: serviceConfigHash(service),
      imageId: observed.images[serviceImage(project, service)],
      networks: serviceNetworkKeys(service).map((k) => project.networks[k]?.name ?? k),
      policy: policyOf(scope, name, options),
      dependencyRecreated,
    });
    if (decided.recreate.length > 0) recreated.add(name);
    out.set(name, decided);
  }
  return new Map(scope.services.map((n) => [n, out.get(n)!]));
}

/** Compose's recreate strategy: named services follow --force-recreate, dependencies --always-recreate-deps. */
function policyOf(scope: Scope, name: string, options: ReconcileOptions): RecreatePolicy {
  if (options.noRecreate === true) return 'never';
  const forced = scope.named.has(name) ? options.forceRecreate : options.alwaysRecreateDeps;
  return forced === true ? 'force' : 'diverged';
}

