/**
 * Where a container's network lives, for `network_mode: container:<id>` and `service:<name>`: the
 * namespace to give a joining container, read from the container's record (never from memory). A
 * namespace file is joined through the file, so the joiner survives restarts of its target; a
 * namespace the runtime made for the container alone is joined through /proc/<pid>/ns/net and needs
 * the target running; a host-mode target makes the joiner host-mode too.
 */
import { BerthError } from '../../errors/index.js';
import { observeContainer } from '../state/observe.js';
import type { StateRoots } from '../state-roots.js';

/** The network a joining container gets: the host's, or a namespace file to join. */
export type JoinedNetwork = { mode: 'host' } | { mode: 'join'; path: string };

/** The network of container `id`, for a container that shares it; clear errors when it cannot. */
export function containerNetwork(roots: StateRoots, id: string): JoinedNetwork {
  const container = observeContainer(roots, id);
  if (container === undefined) {
    throw new BerthError('not-found', 'network.container-not-found', `container ${id} named by network_mode does not exist`,
      { hint: 'create the container whose network is shared first (depends_on orders it)' });
  }
  const network = container.record.config.network;
  if (network.mode === 'host') return { mode: 'host' };
  if (network.mode === 'join') return { mode: 'join', path: network.path };
  const pid = container.record.pid;
  if (!container.running || pid === undefined) {
    throw new BerthError('precondition', 'network.container-not-running',
      `container ${id} is not running, and its network namespace lives only while it runs`,
      { hint: `start container ${id} first, or give it a namespace file (createNetns) so others can join it at any time` });
  }
  return { mode: 'join', path: `/proc/${pid}/ns/net` };
}

/** The namespace file of container `id`'s network (its `join` path); an error for a host-mode one. */
export function containerNetnsPath(roots: StateRoots, id: string): string {
  const network = containerNetwork(roots, id);
  if (network.mode === 'join') return network.path;
  throw new BerthError('precondition', 'network.container-host-network', `container ${id} uses the host's network, which has no namespace file`,
    { hint: 'use containerNetwork() and give the joining container network_mode host' });
}
