/**
 * The create-container step of `up`: resolves the facts a service's ContainerConfig needs (the image's
 * layers and config, the container's network, its named and anonymous volumes populated from the image
 * as Docker does, volume subpaths, volumes_from, its secret and config files), builds the config with the
 * plan's serviceToContainer, creates the container and records its attachments and published ports in
 * it (labels). A failure undoes the network, the written secret and config files and the new anonymous
 * volumes it made.
 */
import { realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BerthError, type BerthWarning } from '../../errors/index.js';
import { serviceToContainer, volumeDirKey, type ContainerFacts, type ImageFacts, type Op } from '../../plan/index.js';
import { createContainer, type ContainerConfig, type MountSpec } from '../../runtime/container/index.js';
import { imageRootfs } from '../../runtime/image/image-rootfs.js';
import type { ImageRuntimeConfig } from '../../runtime/image/index.js';
import type { StateRoots } from '../../runtime/state-roots.js';
import { ensureVolume, populateVolume, volumePaths, volumeSource } from '../../runtime/volume/index.js';
import type { Project, Service } from '../../spec/model.js';
import { ensureAnonymousVolume, removeMadeVolumes } from './anonymous-volumes.js';
import { withAttachments } from './attachments.js';
import type { ComposeContext } from './compose-context.js';
import { setupContainerNetwork, teardownContainerNetwork } from './container-network.js';
import { composeFilesDir, fileSources } from './file-sources.js';
import { withPublished } from './published-ports.js';
import { volumesFromMounts } from './volumes-from.js';

/** A one-off `run` container: its slug, and whether its DNS names include the service's (`--use-aliases`). */
export interface OneOff {
  slug: string;
  useAliases: boolean;
}

/** Creates the container of a create-container op (a one-off `run` container with `oneOff`); returns the warnings met. */
export async function createServiceContainer(cc: ComposeContext, project: Project, op: Op, containerOf: (service: string) => string | undefined, oneOff?: OneOff): Promise<BerthWarning[]> {
  const service = project.services[op.service ?? ''];
  if (service === undefined || op.containerId === undefined || op.containerName === undefined || op.number === undefined) {
    throw new BerthError('internal', 'up.bad-op', `the op ${op.id} names no service container`, { hint: 'this is a bug in berth: report it' });
  }
  const image = await imageRootfs(cc.roots, op.image ?? service.image ?? '');
  const imageFacts = imageFactsOf(image.config);
  const made: string[] = [];
  const volumesFrom = volumesFromMounts(cc.roots, service, containerOf);
  try {
    const volumes = await volumeDirs(cc.roots, project, service, op, image.lowerDirs, imageFacts, made, volumesFrom);
    return await createWith(cc, project, op, { ...volumes, volumesFrom, service, image, imageFacts, containerOf, oneOff });
  } catch (error) {
    await removeMadeVolumes(cc.roots, made);
    throw error;
  }
}

interface Prepared extends Volumes {
  service: Service;
  image: { imageId: string; lowerDirs: string[] };
  imageFacts: ImageFacts;
  containerOf: (service: string) => string | undefined;
  oneOff: OneOff | undefined;
}

/** The container made once its image and volumes are ready: network, config, record, attachments. */
async function createWith(cc: ComposeContext, project: Project, op: Op, prepared: Prepared): Promise<BerthWarning[]> {
  const { service, image, imageFacts, containerOf, oneOff, ...volumes } = prepared;
  const id = op.containerId ?? '';
  const oneOffSlug = oneOff?.slug;
  const serviceAliases = oneOff === undefined || oneOff.useAliases;
  const networking = await setupContainerNetwork(cc.roots, { project, service, id, name: op.containerName ?? '', containerOf, serviceAliases });
  try {
    const warnings: BerthWarning[] = [];
    const facts: ContainerFacts = {
      id, image: imageFacts, imageId: image.imageId, lowers: image.lowerDirs, network: networking.network,
      hosts: networking.hosts, resolvConf: networking.resolvConf, ...volumes,
      fileSources: fileSources(cc.roots, project, service, id, warnings), cgroupParent: project.name,
    };
    const built = serviceToContainer(project, service, op.number ?? 1, facts, oneOffSlug);
    // A one-off's published ports are its own label (run-overrides.ts), not its service's.
    const attached = withAttachments(built.config.labels, networking.attachments);
    const labels = oneOffSlug === undefined ? withPublished(attached, service.ports ?? []) : attached;
    // A one-off keeps the op's name: `run --name` chooses it.
    createContainer(cc.runtime, { ...built.config, labels, ...(oneOffSlug === undefined ? {} : { name: op.containerName }) } as ContainerConfig);
    return [...warnings, ...built.warnings];
  } catch (error) {
    teardownContainerNetwork(cc.roots, project.name, id);
    rmSync(composeFilesDir(cc.roots, id), { recursive: true, force: true });
    throw error;
  }
}

/** The image config in the plan's terms. */
export function imageFactsOf(config: ImageRuntimeConfig): ImageFacts {
  return {
    entrypoint: config.Entrypoint ?? undefined,
    cmd: config.Cmd ?? undefined,
    env: config.Env ?? undefined,
    workingDir: config.WorkingDir === '' ? undefined : config.WorkingDir,
    user: config.User === '' ? undefined : config.User,
    stopSignal: config.StopSignal,
    healthcheck: config.Healthcheck?.Test,
    volumes: Object.keys(config.Volumes ?? {}),
    exposedPorts: Object.keys(config.ExposedPorts ?? {}),
  };
}

type VolumeDirs = Pick<ContainerFacts, 'volumeDirs' | 'anonymousVolumeDirs'>;
type Volumes = VolumeDirs & Pick<ContainerFacts, 'volumesFrom'>;

/** Host dirs of the service's named and anonymous volumes (see anonymous-volumes.ts), each made (and populated) when missing. */
async function volumeDirs(roots: StateRoots, project: Project, service: Service, op: Op, lowers: readonly string[], image: ImageFacts, made: string[], volumesFrom: readonly MountSpec[]): Promise<VolumeDirs> {
  const out: { volumeDirs: Record<string, string>; anonymousVolumeDirs: Record<string, string> } = { volumeDirs: {}, anonymousVolumeDirs: {} };
  const anonymous = (target: string): Promise<string> => ensureAnonymousVolume(roots, { project: project.name, containerName: op.containerName ?? '', target, inheritFrom: op.inheritVolumesFrom }, made);
  const mounted = new Set<string>(volumesFrom.map((m) => m.target));
  for (const v of service.volumes ?? []) {
    mounted.add(v.target);
    if (v.type !== 'volume') continue;
    const declared = v.source === undefined ? undefined : project.volumes[v.source];
    // A declared volume's content may live elsewhere than its _data dir: a tmpfs mounted there, or the
    // `device` dir of a bind-backed one (driver_opts type none, o bind), as Docker's local driver does.
    const dir = declared === undefined
      ? volumePaths(roots, await anonymous(v.target)).data
      : volumeSource(roots, (await ensureVolume(roots, { name: declared.name, external: declared.external, driver: declared.driver, driverOpts: declared.driver_opts, labels: declared.labels, project: project.name, key: v.source })).record);
    const subpath = v.volume?.subpath;
    if (v.source !== undefined && subpath !== undefined) {
      out.volumeDirs[volumeDirKey(v.source, subpath)] = volumeSubpath(service, v.source, dir, subpath);
      continue;
    }
    if (v.volume?.nocopy !== true) populateVolume(lowers, v.target, dir);
    if (v.source === undefined) out.anonymousVolumeDirs[v.target] = dir;
    else out.volumeDirs[v.source] = dir;
  }
  for (const target of image.volumes ?? []) {
    if (mounted.has(target)) continue;
    const dir = volumePaths(roots, await anonymous(target)).data;
    populateVolume(lowers, target, dir);
    out.anonymousVolumeDirs[target] = dir;
  }
  return out;
}

/**
 * The host path of `subpath` inside volume `key` (at `dir`), resolved: it must exist and stay inside the
 * volume, so a symlink a container planted there can never hand the host's files to a mount. A subpath
 * mount is never populated from the image, as with Docker.
 */
function volumeSubpath(service: Service, key: string, dir: string, subpath: string): string {
  const bad = (why: string): BerthError => new BerthError('precondition', 'service.volume-subpath', `service ${service.name}: subpath ${subpath} of volume ${key} ${why}`, {
    hint: 'create it inside the volume first (from a container that mounts the whole volume), or fix volume.subpath',
  });
  let real: string;
  try {
    real = realpathSync(join(dir, subpath));
  } catch {
    throw bad('does not exist');
  }
  const root = realpathSync(dir);
  if (real !== root && !real.startsWith(`${root}/`)) throw bad('leads out of the volume');
  return real;
}
