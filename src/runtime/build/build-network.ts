/**
 * The network of RUN steps by default: a namespace of their own on berth's build bridge, with an
 * address, a default route and outbound NAT from src/runtime/network (what users expect of `RUN apt-get
 * install`). The build network is made on first use and kept, like Docker's default bridge; each step's
 * namespace, veth pair and address are released when the step ends.
 */
import { BerthError } from '../../errors/index.js';
import type { NetworkSpec } from '../container/container-config.js';
import { attach, detach } from '../network/attachment.js';
import { allocateAddress, releaseAddresses } from '../network/ipam.js';
import { createNetwork, type NetworkOptions } from '../network/networks.js';
import { createNetns, deleteNetns } from '../network/netns.js';
import type { NetworkRecord } from '../network/network-record.js';
import type { StateRoots } from '../state-roots.js';

/** Where the build network lives; tests give their own bridge, subnet and NAT table. */
export interface BuildNetworkOptions extends NetworkOptions {
  /** Network name (default `berth_build`). */
  name?: string | undefined;
  /** Host bridge (default `berth-build`). */
  bridge?: string | undefined;
  subnet?: string | undefined;
}

/** A step's attached namespace and how to release it. */
export interface StepNetwork {
  network: NetworkSpec;
  release: () => void;
}

/** Makes sure the build network exists (a build calls this once, before its first RUN on it). */
export async function ensureBuildNetwork(roots: StateRoots, options: BuildNetworkOptions = {}): Promise<NetworkRecord> {
  const spec = { name: options.name ?? 'berth_build', project: 'berth-build', bridge: options.bridge ?? 'berth-build', subnet: options.subnet, internal: false };
  const created = await createNetwork(roots, spec, options).catch((error: unknown) => {
    throw new BerthError('system', 'build.network-failed', `the build network ${spec.name} cannot be set up: ${(error as Error).message}`, {
      hint: 'run the build with network: none (or host), or fix the network setup (scripts/install-system-deps.sh installs nftables)', cause: error,
    });
  });
  return created.record;
}

/** Creates `id`'s namespace on the build network `record`, with an address and a default route. */
export function attachBuildNetwork(roots: StateRoots, id: string, record: NetworkRecord): StepNetwork {
  const path = createNetns(roots, id);
  const release = (): void => {
    detach(path, 'eth0');
    releaseAddresses(roots, record, id);
    deleteNetns(path);
  };
  try {
    attach({ netnsPath: path, ifname: 'eth0', network: record, address: allocateAddress(roots, record, id), isDefaultRoute: true });
  } catch (error) {
    release();
    throw error;
  }
  return { network: { mode: 'join', path }, release };
}
