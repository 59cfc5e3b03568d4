/**
 * Observing a project once, as the planner needs it: the Compose containers from the runtime's records
 * (by their labels), the networks and volumes from their records (with the project that made them), and
 * the ids of the images the project's services name, by the reference text the services use.
 */
import { observedContainers } from '../../apply/index.js';
import { serviceImage, type ObservedContainer, type ObservedState } from '../../plan/index.js';
import { observe } from '../../runtime/container/index.js';
import { formatReference, parseReference } from '../../runtime/image/reference.js';
import { listReferences } from '../../runtime/image/repositories.js';
import { listNetworkRecords } from '../../runtime/network/index.js';
import type { StateRoots } from '../../runtime/state-roots.js';
import { listVolumes, VOLUME_LABELS } from '../../runtime/volume/index.js';
import type { Project } from '../../spec/model.js';

/** A Compose container as observed (the plan's view of it). */
export type ProjectContainer = ObservedContainer;

/** The containers of project `name`, in name order. */
export function projectContainers(roots: StateRoots, name: string): ProjectContainer[] {
  return observedContainers(observe(roots)).filter((c) => c.project === name).sort((a, b) => a.name.localeCompare(b.name));
}

/** Everything the planner reads, observed now; `project` (when given) says which images to resolve. */
export async function observeState(roots: StateRoots, project: Project | undefined): Promise<ObservedState> {
  return {
    containers: observedContainers(observe(roots)),
    networks: listNetworkRecords(roots).map((r) => ({ name: r.name, project: r.project })),
    volumes: listVolumes(roots).map((v) => ({ name: v.name, project: v.labels[VOLUME_LABELS.project], container: v.labels[VOLUME_LABELS.container] })),
    images: project === undefined ? {} : await imageIds(roots, project),
    install: roots.root,
  };
}

/** Image reference text (as the services write it) → stored image id, for the images present. */
export async function imageIds(roots: StateRoots, project: Project): Promise<Record<string, string>> {
  const refs = await listReferences(roots);
  const out: Record<string, string> = {};
  for (const service of Object.values(project.services)) {
    const text = serviceImage(project, service);
    const id = refs[canonical(text)];
    if (id !== undefined) out[text] = id;
  }
  return out;
}

function canonical(text: string): string {
  try {
    return formatReference(parseReference(text));
  } catch {
    return text;
  }
}
