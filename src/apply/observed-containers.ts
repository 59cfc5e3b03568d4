/**
 * The runtime's observed containers as the plan's ObservedContainers, read from the Compose labels berth
 * records on each container (plan/container-labels.ts). Containers without a project label are not
 * Compose containers and are left out.
 */
import { LABELS, type ObservedContainer } from '../plan/index.js';
import type { ObservedContainer as RuntimeContainer } from '../runtime/container/index.js';

/** The Compose containers among the runtime's, with their project, service, number, hash and status. */
export function observedContainers(containers: readonly RuntimeContainer[]): ObservedContainer[] {
  return containers.flatMap((c): ObservedContainer[] => {
    const labels = c.record.config.labels;
    const project = labels[LABELS.project];
    const service = labels[LABELS.service];
    if (project === undefined || service === undefined) return [];
    return [{
      id: c.id,
      name: c.name,
      project,
      service,
      number: Number(labels[LABELS.number] ?? '0'),
      configHash: labels[LABELS.configHash] ?? '',
      imageId: labels[LABELS.image],
      status: c.status,
      oneoff: labels[LABELS.oneoff] === 'True',
      createdAt: c.record.createdAt,
      labels,
    }];
  });
}
