/**
 * The ops of one service's decisions: surplus containers stopped and removed; a recreate as Compose does
 * it (create the new container, stop and remove the old one, start the new one) so a failed create leaves
 * the old container untouched, the new one taking over the old one's anonymous volumes unless -V; stopped containers started; missing numbers created and started. Start
 * ops carry the stop settings too: their undo is a stop.
 */
import type { Project, Service } from '../spec/model.js';
import type { ServiceDecisions } from './container-decisions.js';
import { containerId, containerName, containerResource, serviceImage } from './naming.js';
import type { ObservedState } from './observed-state.js';
import { containerTarget, planContainerRemoval, type StopSettings } from './orphans.js';
import type { PlanBuilder } from './plan-builder.js';
import { resourceOpsOf } from './project-resources.js';
import { stopTimeout, type ReconcileOptions } from './reconcile-options.js';

/** What a service's ops need besides its decisions. */
export interface ServiceOpsInput {
  project: Project;
  service: Service;
  decisions: ServiceDecisions;
  /** Creation ops of networks and volumes, keyed `network:<key>` / `volume:<key>`. */
  resources: ReadonlyMap<string, string>;
  observed: ObservedState;
  options: ReconcileOptions;
}

/** Adds the service's ops; returns the ids of its start ops (what dependents wait for). */
export function planServiceOps(builder: PlanBuilder, input: ServiceOpsInput): string[] {
  const { service, decisions, options } = input;
  const stop = stopSettings(service, options);
  for (const { container, cause } of decisions.remove) planContainerRemoval(builder, [container], cause, () => stop);
  const creating = decisions.create.length + decisions.recreate.length > 0;
  const before = creating ? [...imageOps(builder, input), ...resourceOpsOf(input.project, service, input.resources)] : [];
  const starts: string[] = [];
  const start = (resource: string, target: object, cause: string, after: string[]): void => {
    if (options.noStart !== true) starts.push(builder.add({ kind: 'start-container', resource, cause, service: service.name, ...target, ...stop, dependsOn: after }));
  };
  for (const { container: old, cause } of decisions.recreate) {
    const made = createOp(builder, input, old.number, old.id, cause, before);
    const removed = planContainerRemoval(builder, [old], cause, () => stop, [made.id]);
    start(containerResource(service.name, old.number), made.target, cause, removed);
  }
  for (const { container, cause } of decisions.start) start(containerResource(service.name, container.number), containerTarget(container), cause, []);
  for (const number of decisions.create) {
    const made = createOp(builder, input, number, undefined, 'not found', before);
    start(containerResource(service.name, number), made.target, 'not found', [made.id]);
  }
  return starts;
}

function createOp(builder: PlanBuilder, input: ServiceOpsInput, number: number, replaces: string | undefined, cause: string, after: string[]) {
  const { project, service } = input;
  const name = containerName(project, service, number);
  const target = { service: service.name, number, containerId: containerId(project.name, name, replaces, input.observed.install), containerName: name, oneoff: false, image: serviceImage(project, service) };
  const inherit = replaces !== undefined && input.options.renewAnonVolumes !== true ? { inheritVolumesFrom: replaces } : {};
  const id = builder.add({ kind: 'create-container', resource: containerResource(service.name, number), cause, ...target, ...inherit, dependsOn: after });
  return { id, target };
}

/** The ensure-image op of the service's image (shared by services using the same reference). */
function imageOps(builder: PlanBuilder, input: ServiceOpsInput): string[] {
  const image = serviceImage(input.project, input.service);
  const always = input.service.pull_policy === 'always';
  if (input.observed.images[image] !== undefined && !always) return [];
  const id = `ensure-image:image:${image}`;
  if (!builder.has(id)) builder.add({ id, kind: 'ensure-image', resource: `image:${image}`, cause: always ? 'pull_policy always' : 'not found', image, service: input.service.name });
  return [id];
}

/** How the service's containers are stopped. */
export function stopSettings(service: Service | undefined, options: { timeout?: number | undefined }): StopSettings {
  const timeout = stopTimeout(service, options);
  return service?.stop_signal === undefined ? { timeout } : { timeout, stopSignal: service.stop_signal };
}
