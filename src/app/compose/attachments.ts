/**
 * attachments.json: a Compose container's network attachments (network, interface, address, DNS names),
 * written by `up` into the container's runtime state dir right after the container is created, read when
 * supervisor.json and `ps` are built. It lives and dies with the container's state dir.
 */
import { join } from 'node:path';
import { containerPaths } from '../../runtime/container/index.js';
import { readJson, writeJsonAtomic } from '../../runtime/state/atomic-file.js';
import type { StateRoots } from '../../runtime/state-roots.js';

/** One network a container is attached to. */
export interface ContainerAttachment {
  /** The network's resolved name (`app_default`). */
  network: string;
  ifname: string;
  address: string;
  gateway: string;
  /** The names the network's DNS answers with this address: container name, service, aliases. */
  names: string[];
}

function attachmentsPath(roots: StateRoots, id: string): string {
  return join(containerPaths(roots, id).stateDir, 'attachments.json');
}

/** Records the attachments of container `id` (its state dir exists). */
export function writeAttachments(roots: StateRoots, id: string, attachments: readonly ContainerAttachment[]): void {
  writeJsonAtomic(attachmentsPath(roots, id), attachments, { durable: false });
}

/** The attachments of container `id` (none when it has no network or no record). */
export function readAttachments(roots: StateRoots, id: string): ContainerAttachment[] {
  return readJson<ContainerAttachment[]>(attachmentsPath(roots, id)) ?? [];
}
