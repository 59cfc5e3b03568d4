/**
 * published.json: the `ports:` a service container was created with, written by `up` into the
 * container's runtime state dir right after it is created, read when supervisor.json is built. A
 * container keeps forwarding what it was made with until it is recreated, so an `up` that fails before
 * recreating it (a new host port in use) leaves its forwarders as they were. It lives and dies with
 * the container's state dir; a container made before it existed has none (its service's ports apply).
 */
import { join } from 'node:path';
import { containerPaths } from '../../runtime/container/index.js';
import { readJson, writeJsonAtomic } from '../../runtime/state/atomic-file.js';
import type { StateRoots } from '../../runtime/state-roots.js';
import type { Port } from '../../spec/model.js';

function publishedPath(roots: StateRoots, id: string): string {
  return join(containerPaths(roots, id).stateDir, 'published.json');
}

/** Records the ports container `id` was created with (its state dir exists). */
export function writePublished(roots: StateRoots, id: string, ports: readonly Port[]): void {
  writeJsonAtomic(publishedPath(roots, id), ports, { durable: false });
}

/** The ports container `id` was created with; undefined when it has no record. */
export function readPublished(roots: StateRoots, id: string): Port[] | undefined {
  return readJson<Port[]>(publishedPath(roots, id));
}
