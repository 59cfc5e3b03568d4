/**
 * The create-container step of `up`: resolves the facts a service's ContainerConfig needs (the image's
 * layers and config, the container's network, its named and anonymous volumes populated from the image
 * as Docker does, its secret and config files), builds the config with the plan's serviceToContainer,
 * creates the container and records its attachments and published ports. A failure undoes the network and the new anonymous
 * volumes it made.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BerthError, type BerthWarning } from '../../errors/index.js';
import { serviceToContainer, type ContainerFacts, type ImageFacts, type Op } from '../../plan/index.js';
import { createContainer, type ContainerConfig } from '../../runtime/container/index.js';
import { imageRootfs, type ImageRuntimeConfig } from '../../runtime/image/index.js';
import { statePath, type StateRoots } from '../../runtime/state-roots.js';
import { ensureVolume, populateVolume, volumePaths, volumeSource } from '../../runtime/volume/index.js';
import type { Project, Service } from '../../spec/model.js';
import { ensureAnonymousVolume, removeMadeVolumes } from './anonymous-volumes.js';
import { writeAttachments } from './attachments.js';
import type { ComposeContext } from './compose-context.js';
import { setupContainerNetwork, teardownContainerNetwork } from './container-network.js';
import { writePublished } from './published-ports.js';

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
  try {
    const volumes = await volumeDirs(cc.roots, project, service, op, image.lowerDirs, imageFacts, made);
    return createWith(cc, project, op, { ...volumes, service, image, imageFacts, containerOf, oneOff });
  } catch (error) {
    await removeMadeVolumes(cc.roots, made);
    throw error;
  }
}

interface Prepared extends VolumeDirs {
  service: Service;
  image: { imageId: string; lowerDirs: string[] };
  imageFacts: ImageFacts;
  containerOf: (service: string) => string | undefined;
  oneOff: OneOff | undefined;
}

/** The container made once its image and volumes are ready: network, config, record, attachments. */
function createWith(cc: ComposeContext, project: Project, op: Op, prepared: Prepared): BerthWarning[] {
  const { service, image, imageFacts, containerOf, oneOff, ...volumes } = prepared;
  const id = op.containerId ?? '';
  const oneOffSlug = oneOff?.slug;
  const serviceAliases = oneOff === undefined || oneOff.useAliases;
  const networking = setupContainerNetwork(cc.roots, { project, service, id, name: op.containerName ?? '', containerOf, serviceAliases });
  try {
    const facts: ContainerFacts = {
      id, image: imageFacts, imageId: image.imageId, lowers: image.lowerDirs, network: networking.network,
      hosts: networking.hosts, resolvConf: networking.resolvConf, ...volumes,
      fileSources: fileSources(cc.roots, project, service, id), cgroupParent: project.name,
    };
    const built = serviceToContainer(project, service, op.number ?? 1, facts, oneOffSlug);
    // A one-off keeps the op's name: `run --name` chooses it.
    createContainer(cc.runtime, (oneOffSlug === undefined ? built.config : { ...built.config, name: op.containerName }) as ContainerConfig);
    writeAttachments(cc.roots, id, networking.attachments);
    if (oneOffSlug === undefined) writePublished(cc.roots, id, service.ports ?? []);
    return built.warnings;
  } catch (error) {
    teardownContainerNetwork(cc.roots, project.name, id);
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

/** Host dirs of the service's named and anonymous volumes (see anonymous-volumes.ts), each made (and populated) when missing. */
async function volumeDirs(roots: StateRoots, project: Project, service: Service, op: Op, lowers: readonly string[], image: ImageFacts, made: string[]): Promise<VolumeDirs> {
  const out: { volumeDirs: Record<string, string>; anonymousVolumeDirs: Record<string, string> } = { volumeDirs: {}, anonymousVolumeDirs: {} };
  const anonymous = (target: string): Promise<string> => ensureAnonymousVolume(roots, { project: project.name, containerName: op.containerName ?? '', target, inheritFrom: op.inheritVolumesFrom }, made);
  const mounted = new Set<string>();
  for (const v of service.volumes ?? []) {
    mounted.add(v.target);
    if (v.type !== 'volume') continue;
    const declared = v.source === undefined ? undefined : project.volumes[v.source];
    // A declared volume's content may live elsewhere than its _data dir: a tmpfs mounted there, or the
    // `device` dir of a bind-backed one (driver_opts type none, o bind), as Docker's local driver does.
    const dir = declared === undefined
      ? volumePaths(roots, await anonymous(v.target)).data
      : volumeSource(roots, (await ensureVolume(roots, { name: declared.name, external: declared.external, driver: declared.driver, driverOpts: declared.driver_opts, labels: declared.labels, project: project.name, key: v.source })).record);
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

/** Host files of the service's secrets and configs: declared files as they are, other sources written out. */
function fileSources(roots: StateRoots, project: Project, service: Service, id: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [kind, refs, objects] of [['secrets', service.secrets, project.secrets], ['configs', service.configs, project.configs]] as const) {
    for (const ref of refs ?? []) {
      const object = objects[ref.source];
      if (object?.file !== undefined) {
        out[`${kind}:${ref.source}`] = object.file;
        continue;
      }
      const content = object?.content ?? (object?.environment === undefined ? undefined : process.env[object.environment]);
      if (content === undefined) {
        throw new BerthError('invalid', 'service.file-source', `service ${service.name}: ${kind} ${ref.source} has no file, content or set environment variable`, {
          hint: `declare ${kind}.${ref.source} with file:, content: or environment:`,
        });
      }
      const dir = composeFilesDir(roots, id);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const path = join(dir, `${kind}-${ref.source}`);
      writeFileSync(path, content, { mode: 0o444 });
      out[`${kind}:${ref.source}`] = path;
    }
  }
  return out;
}

/** Where `up` writes a container's secret and config contents (removed with the container). */
export function composeFilesDir(roots: StateRoots, id: string): string {
  return statePath(roots, 'run', 'compose-files', id);
}
