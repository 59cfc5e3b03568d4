/**
 * The facts a service's ContainerConfig needs that only the effectful layers know, passed in as plain
 * data so the conversion stays pure: the image's config, its unpacked layer dirs, the network the
 * container joins, the host dirs of its volumes, secrets and configs, and the mounts of volumes_from.
 */
import type { MountSpec, NetworkSpec } from '../runtime/container/index.js';

/** An image's config, in OCI terms (`Env` as `KEY=value` lines). */
export interface ImageFacts {
  entrypoint?: readonly string[] | undefined;
  cmd?: readonly string[] | undefined;
  env?: readonly string[] | undefined;
  workingDir?: string | undefined;
  user?: string | undefined;
  stopSignal?: string | undefined;
  /** The image's HEALTHCHECK test, in the list form (`["CMD-SHELL", "…"]`). */
  healthcheck?: readonly string[] | undefined;
  /** VOLUME paths: each becomes an anonymous volume unless the service mounts something there. */
  volumes?: readonly string[] | undefined;
  exposedPorts?: readonly string[] | undefined;
}

/** Everything resolved for one container before it is created. */
export interface ContainerFacts {
  /** The container's id (from the plan's create-container op). */
  id: string;
  image: ImageFacts;
  /** The image id (digest), recorded in the labels. */
  imageId: string;
  /** The image's layer dirs, top layer first. */
  lowers: readonly string[];
  /** The network namespace the container joins (made by the network layer beforehand). */
  network: NetworkSpec;
  hosts?: string | undefined;
  resolvConf?: string | undefined;
  /** Host dir of each named volume, by its key in the project's `volumes` (`key:subpath` for a subpath mount: volumeDirKey). */
  volumeDirs: Readonly<Record<string, string>>;
  /** Host dir of each anonymous volume, by its target path in the container. */
  anonymousVolumeDirs: Readonly<Record<string, string>>;
  /** The mounts taken through volumes_from (app/compose/volumes-from.ts), modes already applied. */
  volumesFrom: readonly MountSpec[];
  /** Host file of each secret and config, by `secrets:<name>` / `configs:<name>`. */
  fileSources: Readonly<Record<string, string>>;
  /** The cgroup parent the project's groups live under (`<project>`), under the `berth` parent. */
  cgroupParent: string;
}
