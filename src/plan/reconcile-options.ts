/**
 * The choices of `up` that shape a plan, and the two questions every reconcile asks first: which services
 * are in scope (the named ones plus their depends_on closure unless --no-deps) and how many replicas each
 * should have (--scale over `scale` over `deploy.replicas`, default 1).
 */
import { BerthError } from '../errors/index.js';
import { closureOf, dagOf } from '../graph/index.js';
import type { Project, Service } from '../spec/model.js';

/** Options of reconcile(), one per `up` flag. */
export interface ReconcileOptions {
  forceRecreate?: boolean;
  noRecreate?: boolean;
  noDeps?: boolean;
  noStart?: boolean;
  removeOrphans?: boolean;
  /** Leave orphans in place without a warning (COMPOSE_IGNORE_ORPHANS). */
  ignoreOrphans?: boolean;
  /** Recreate the dependencies of the named services too (`--always-recreate-deps`). */
  alwaysRecreateDeps?: boolean;
  /** Give recreated containers new anonymous volumes instead of the replaced ones' (`-V, --renew-anon-volumes`). */
  renewAnonVolumes?: boolean;
  /** Replicas per service (`--scale web=3`). */
  scale?: Readonly<Record<string, number>>;
  /** Services named on the command line (none: all). */
  services?: readonly string[];
  /** Seconds before SIGKILL when stopping (`-t`), over each service's stop_grace_period. */
  timeout?: number;
}

/** The services a plan touches: all in scope, and those the user named (the others came in as dependencies). */
export interface Scope {
  /** In project order. */
  services: string[];
  named: ReadonlySet<string>;
}

/** The service dependency graph of a project. */
export function serviceDag(project: Project) {
  return dagOf(Object.fromEntries(Object.values(project.services).map((s) => [s.name, Object.keys(s.depends_on ?? {})])));
}

/** The services in scope for these options; unknown names are a not-found error. */
export function scopeOf(project: Project, options: ReconcileOptions): Scope {
  const asked = options.services ?? [];
  for (const name of asked) {
    if (project.services[name] === undefined) {
      const why = project.disabledServices.includes(name) ? ' (its profile is not enabled)' : '';
      throw new BerthError('not-found', 'service.not-found', `service ${name} not found in project ${project.name}${why}`, { hint: 'list the services with `berth config --services`' });
    }
  }
  if (asked.length === 0) return { services: Object.keys(project.services), named: new Set(Object.keys(project.services)) };
  const services = options.noDeps === true ? Object.keys(project.services).filter((n) => asked.includes(n)) : [...closureOf(serviceDag(project), asked).nodes];
  return { services, named: new Set(asked) };
}

/** How many containers a service should have. */
export function desiredReplicas(service: Service, options: ReconcileOptions): number {
  const replicas = options.scale?.[service.name] ?? service.scale ?? service.deploy?.replicas ?? 1;
  if (replicas > 1 && service.container_name !== undefined) {
    throw new BerthError('invalid', 'service.scale-container-name', `service ${service.name} sets container_name ${service.container_name} and cannot have ${replicas} replicas`, {
      hint: 'remove container_name or scale the service to 1',
    });
  }
  return replicas;
}

/** The seconds a stop waits before SIGKILL: `-t`, else stop_grace_period, else 10. */
export function stopTimeout(service: Service | undefined, options: { timeout?: number | undefined }): number {
  if (options.timeout !== undefined) return options.timeout;
  const grace = service?.stop_grace_period;
  return grace === undefined ? 10 : grace.nanoseconds / 1e9;
}
