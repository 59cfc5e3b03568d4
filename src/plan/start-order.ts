/**
 * The start edges between services (§1.11, §2.9): a service's start ops wait for the start ops of each
 * dependency in scope; for `service_healthy` and `service_completed_successfully` a wait-dependency op
 * sits between them (it runs even when the dependency was left alone, so a stale status is re-checked at
 * apply time). Dependencies out of scope (--no-deps, or not selected) and scale-0 ones are not waited for.
 */
import type { Project } from '../spec/model.js';
import type { PlanBuilder } from './plan-builder.js';
import { desiredReplicas, type ReconcileOptions } from './reconcile-options.js';

/** Adds the edges and waits between the start ops of the services in scope. */
export function linkStartOrder(builder: PlanBuilder, project: Project, starts: ReadonlyMap<string, readonly string[]>, options: ReconcileOptions): void {
  for (const [name, own] of starts) {
    if (own.length === 0) continue;
    for (const [dependency, dep] of Object.entries(project.services[name]?.depends_on ?? {})) {
      const theirs = starts.get(dependency);
      const service = project.services[dependency];
      if (theirs === undefined || service === undefined || desiredReplicas(service, options) === 0) continue;
      if (dep.condition === 'service_started') {
        for (const id of own) builder.depend(id, theirs);
        continue;
      }
      const wait = builder.add({
        id: `wait-dependency:service:${name}:${dependency}`,
        kind: 'wait-dependency',
        resource: `service:${name}`,
        service: name,
        cause: 'depends_on',
        dependency: { service: dependency, condition: dep.condition, required: dep.required },
        dependsOn: theirs,
      });
      for (const id of own) builder.depend(id, [wait]);
    }
  }
}
