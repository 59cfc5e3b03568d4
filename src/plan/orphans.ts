/**
 * Orphans (§2.8): containers of this project whose service is neither enabled nor disabled by a profile,
 * plus exited or dead one-off (`run`) containers. Unless --remove-orphans they are only warned about,
 * naming the containers and services; with it they are stopped (when running) and removed.
 */
import type { BerthWarning } from '../errors/index.js';
import type { Project } from '../spec/model.js';
import type { ObservedContainer } from './observed-state.js';
import type { PlanBuilder } from './plan-builder.js';

/** The project's orphan containers among the observed ones. */
export function findOrphans(project: Project, containers: readonly ObservedContainer[]): ObservedContainer[] {
  const known = new Set([...Object.keys(project.services), ...project.disabledServices]);
  return containers.filter((c) => {
    if (c.project !== project.name) return false;
    if (c.oneoff) return c.status === 'exited' || c.status === 'dead';
    return !known.has(c.service);
  });
}

/** The warning about orphans left in place. */
export function orphanWarning(orphans: readonly ObservedContainer[]): BerthWarning {
  const names = orphans.map((c) => `${c.name} of ${c.oneoff ? 'a one-off run of ' : ''}service ${c.service}`).join(', ');
  return {
    code: 'plan.orphans',
    message: `found orphan containers (${names}) for this project. if you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up`,
  };
}

/** Stops (when running) and removes each container; returns the remove op ids. */
export function planContainerRemoval(builder: PlanBuilder, containers: readonly ObservedContainer[], cause: string, stopOf: (c: ObservedContainer) => StopSettings, after: readonly string[] = []): string[] {
  return containers.map((c) => {
    const target = containerTarget(c);
    const resource = c.oneoff ? `service:${c.service}:run:${c.id.slice(0, 12)}` : `service:${c.service}:${c.number}`;
    const stops = c.status === 'running' || c.status === 'paused' ? [builder.add({ kind: 'stop-container', resource, id: `stop-container:${c.id}`, cause, ...target, ...stopOf(c), dependsOn: after })] : [];
    return builder.add({ kind: 'remove-container', resource, id: `remove-container:${c.id}`, cause, ...target, dependsOn: [...after, ...stops] });
  });
}

/** How a container is stopped: its signal (absent: SIGTERM) and the seconds before SIGKILL. */
export interface StopSettings {
  timeout: number;
  stopSignal?: string;
}

/** The op fields naming an observed container. */
export function containerTarget(c: ObservedContainer): { service: string; number: number; containerId: string; containerName: string; oneoff: boolean } {
  return { service: c.service, number: c.number, containerId: c.id, containerName: c.name, oneoff: c.oneoff };
}
