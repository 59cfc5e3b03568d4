/**
 * ObservedState: what exists now, as plain data, read once before planning (the app builds it from the
 * runtime's records, the network and volume records and the image store). The reconciler reads only this,
 * so the same project and observed state always give the same plan.
 */

/** A container's status as the runtime reports it. */
export type ObservedStatus = 'created' | 'running' | 'paused' | 'exited' | 'dead';

/** One container with the Compose labels berth records on it. */
export interface ObservedContainer {
  id: string;
  name: string;
  project: string;
  service: string;
  /** Container number within its service (0 for one-off containers). */
  number: number;
  configHash: string;
  /** The image id (digest) the container was created from. */
  imageId?: string | undefined;
  status: ObservedStatus;
  oneoff: boolean;
  /** ISO time of creation. */
  createdAt: string;
  /** Names of the networks the container is attached to (absent: not known, no check). */
  networks?: readonly string[] | undefined;
  /** All its labels, Compose's and berth's own (absent when not observed from records). */
  labels?: Readonly<Record<string, string>> | undefined;
}

/** A network or volume that exists, by its resolved name, with the project that made it (if any). */
export interface ObservedResource {
  name: string;
  project?: string | undefined;
  /** An anonymous volume's container (by name): the one it was made for. */
  container?: string | undefined;
}

/** Everything observed for one plan. */
export interface ObservedState {
  containers: readonly ObservedContainer[];
  networks: readonly ObservedResource[];
  volumes: readonly ObservedResource[];
  /** Image reference → image id, for the images present in the store. */
  images: Readonly<Record<string, string>>;
  /** The state root observed: new container ids are salted with it (naming.ts containerId). */
  install?: string | undefined;
}
