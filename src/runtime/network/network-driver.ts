/**
 * The network driver contract. Lifecycle: `create` validates everything first, then records the
 * network and builds its host side (idempotent: creating it again completes a half-made one);
 * containers are `attach`ed and `detach`ed through namespace files; `destroy` removes the host side,
 * rules and records, is idempotent and copes with half-made state. Every driver passes the conformance
 * suite in test-support/network-driver-conformance.ts.
 */
import type { StateRoots } from '../state-roots.js';
import { attach, detach, type Attachment, type AttachmentSpec } from './attachment.js';
import { readNetworkRecord, type NetworkRecord, type NetworkSpec } from './network-record.js';
import { createNetwork, removeNetwork, type CreatedNetwork, type NetworkOptions } from './networks.js';

/** One kind of network (Compose `driver:`). */
export interface NetworkDriver {
  readonly kind: string;
  create(spec: NetworkSpec): Promise<CreatedNetwork>;
  /** The recorded network `name`, or undefined. */
  inspect(name: string): NetworkRecord | undefined;
  attach(spec: AttachmentSpec): Attachment;
  /** Removes interface `ifname` of namespace file `netnsPath`; false when it was not there. */
  detach(netnsPath: string, ifname: string): boolean;
  /** Removes network `name` if it exists. */
  destroy(name: string): Promise<void>;
}

/** The `bridge` driver: a Linux bridge per network, veth pairs, nftables NAT and isolation. */
export function bridgeDriver(roots: StateRoots, options: NetworkOptions = {}): NetworkDriver {
  return {
    kind: 'bridge',
    create: (spec) => createNetwork(roots, spec, options),
    inspect: (name) => readNetworkRecord(roots, name),
    attach: (spec) => attach(spec),
    detach: (netnsPath, ifname) => detach(netnsPath, ifname),
    destroy: async (name) => {
      const record = readNetworkRecord(roots, name);
      if (record !== undefined) await removeNetwork(roots, record, options);
    },
  };
}
