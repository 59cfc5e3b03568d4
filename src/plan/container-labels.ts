/**
 * The labels berth records on a container, Docker Compose's `com.docker.compose.*` keys (§2.5), over the
 * service's own labels: they are how observe() tells which project, service and replica a container is,
 * and its config hash and image, so a plan can be made from records alone.
 */
import type { Project, Service } from '../spec/model.js';

/** The label keys the reconciler reads back. */
export const LABELS = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  number: 'com.docker.compose.container-number',
  configHash: 'com.docker.compose.config-hash',
  oneoff: 'com.docker.compose.oneoff',
  image: 'com.docker.compose.image',
  slug: 'com.docker.compose.slug',
} as const;

/** What labels a container of a service. */
export interface LabelInput {
  project: Project;
  service: Service;
  number: number;
  configHash: string;
  imageId: string;
  /** The slug of a one-off container (absent for service replicas). */
  oneOffSlug?: string | undefined;
}

/** The container's labels: the service's, then Compose's (which win). */
export function containerLabels(input: LabelInput): Record<string, string> {
  const { project, service } = input;
  const dependsOn = Object.entries(service.depends_on ?? {}).map(([name, d]) => `${name}:${d.condition}:${d.restart}`).join(',');
  const labels: Record<string, string> = {
    ...(service.labels ?? {}),
    [LABELS.project]: project.name,
    [LABELS.service]: service.name,
    [LABELS.number]: String(input.number),
    [LABELS.configHash]: input.configHash,
    [LABELS.oneoff]: input.oneOffSlug === undefined ? 'False' : 'True',
    [LABELS.image]: input.imageId,
    'com.docker.compose.project.working_dir': project.workingDir,
    'com.docker.compose.project.config_files': project.configFiles.join(','),
    'com.docker.compose.depends_on': dependsOn,
  };
  if (input.oneOffSlug !== undefined) labels[LABELS.slug] = input.oneOffSlug;
  return labels;
}
