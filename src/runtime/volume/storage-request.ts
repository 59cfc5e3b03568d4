/**
 * What a container asks of storage, in plain terms (no Compose types): its mounts (named, anonymous and
 * bind volumes, tmpfs), the `tmpfs:` short list, the image's VOLUMEs, and the secrets and configs it is
 * granted. The plan layer fills it from a service; storagePlan() checks it and prepareStorage() makes it.
 */
import type { VolumeSpec } from './volume-store.js';

/** A volume mount; without `volume` it is an anonymous volume (a target with no source). */
export interface VolumeMountRequest {
  type: 'volume';
  volume?: VolumeSpec | undefined;
  target: string;
  readOnly?: boolean | undefined;
  /** `volume.nocopy`: never populate the volume from the image. */
  nocopy?: boolean | undefined;
  /** `volume.subpath`: mount this directory of the volume (it must exist). */
  subpath?: string | undefined;
}

/** A bind mount of an absolute host path (relative sources are resolved by the spec). */
export interface BindMountRequest {
  type: 'bind';
  source: string;
  target: string;
  readOnly?: boolean | undefined;
  /** Create the source directory when missing (Compose's short syntax sets this). */
  createHostPath?: boolean | undefined;
  propagation?: string | undefined;
  /** `bind.recursive`: enabled (default), writable, readonly or disabled. */
  recursive?: string | undefined;
}

/** A tmpfs mount in long form. */
export interface TmpfsMountRequest {
  type: 'tmpfs';
  target: string;
  size?: number | string | undefined;
  mode?: number | undefined;
  readOnly?: boolean | undefined;
}

/** Any mount in a container's `volumes:` list. */
export type MountRequest = VolumeMountRequest | BindMountRequest | TmpfsMountRequest;

/** Where a secret's or config's content comes from. */
export type FileSource = { file: string } | { content: string } | { environment: string };

/** A secret or config granted to the container. */
export interface FileRequest {
  kind: 'secret' | 'config';
  name: string;
  source: FileSource;
  /** Absolute, or relative to /run/secrets (secrets) or / (configs); default: the name there. */
  target?: string | undefined;
  uid?: string | undefined;
  gid?: string | undefined;
  mode?: number | undefined;
}

/** Everything one container needs from storage. */
export interface StorageRequest {
  containerId: string;
  containerName: string;
  /** Names the owner in errors, e.g. `service web`. */
  owner: string;
  /** The Compose project, recorded on the anonymous volumes made for the container. */
  project?: string | undefined;
  mounts: readonly MountRequest[];
  tmpfs?: readonly string[] | undefined;
  /** The image's VOLUME paths: each not otherwise mounted becomes an anonymous volume. */
  imageVolumes?: readonly string[] | undefined;
  files?: readonly FileRequest[] | undefined;
  /** The project's environment, for `environment:` sources. */
  env?: Readonly<Record<string, string | undefined>> | undefined;
}
