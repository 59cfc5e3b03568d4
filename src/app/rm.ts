/**
 * `berth rm [service…]`: removes the selected stopped containers (with -s, stops them first; with -f,
 * removes running ones too), with their network plumbing, then lets the supervisor drop them; -v also
 * removes their anonymous volumes (never named ones). One-off `run` containers count, as in Compose.
 * Returns the names removed.
 */
import { BerthError } from '../errors/index.js';
import { listVolumes, removeVolume, VOLUME_LABELS, volumesInUse } from '../runtime/volume/index.js';
import type { ComposeContext } from './compose/compose-context.js';
import { opsScope, removeOne, resyncSupervisor, stopOne } from './compose/container-ops.js';
import { selectContainers, type ContainerChoice } from './compose/container-selection.js';
import type { ProjectOptions } from './project-loader.js';

/** The choices of `berth rm`. */
export interface RmChoices extends ContainerChoice {
  force: boolean;
  stop: boolean;
  /** Also remove the containers' anonymous volumes. */
  volumes: boolean;
}

/** Removes the selected containers; returns their names. */
export async function rm(projectOptions: ProjectOptions, choices: RmChoices): Promise<string[]> {
  const { cc, projectName, project, containers } = selectContainers(projectOptions, { ...choices, oneoff: true });
  const running = choices.stop || choices.force ? [] : containers.filter((c) => c.status === 'running');
  if (running.length > 0) {
    const names = running.map((c) => c.name).join(', ');
    throw new BerthError('conflict', 'container.running', running.length === 1 ? `container ${names} is running` : `containers ${names} are running`, {
      hint: 'stop it first (berth stop), or use rm -s to stop it or rm -f to remove it anyway',
    });
  }
  if (choices.dryRun === true) return containers.map((c) => c.name);
  const scope = await opsScope(cc, projectName, project);
  if (choices.stop) await Promise.all(containers.filter((c) => c.status === 'running').map((c) => stopOne(scope, c, undefined)));
  for (const c of containers) await removeOne(scope, c);
  if (choices.volumes) await removeAnonymousVolumes(cc, new Set(containers.map((c) => c.name)));
  await resyncSupervisor(scope);
  return containers.map((c) => c.name);
}

async function removeAnonymousVolumes(cc: ComposeContext, names: ReadonlySet<string>): Promise<void> {
  const anonymous = listVolumes(cc.roots).filter((v) => v.labels[VOLUME_LABELS.anonymous] !== undefined && names.has(v.labels[VOLUME_LABELS.container] ?? ''));
  for (const volume of anonymous) await removeVolume(cc.roots, volume.name, volumesInUse(cc.roots), { missingOk: true });
}
