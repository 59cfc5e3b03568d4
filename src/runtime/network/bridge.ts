/**
 * The host side of a network: a Linux bridge named by the caller (`berth…`), up, holding the gateway
 * address (and the IPv6 gateway, without duplicate address detection, when the network has IPv6).
 * Ensuring is idempotent (an existing bridge and addresses are kept); removal first deletes every link
 * enslaved to the bridge (host veth ends left by a crash), then the bridge.
 */
import { parseIp, parseSubnet } from './ipv4.js';
import { parseIp6, parseSubnet6 } from './ipv6.js';
import type { NetworkRecord } from './network-record.js';
import { RouteNetlink } from './route-netlink.js';

const EEXIST = 17;

/** Makes sure `network`'s bridge exists, is up and holds the gateway address; returns its index. */
export function ensureBridge(nl: RouteNetlink, network: NetworkRecord): number {
  let index = nl.linkIndex(network.bridge);
  if (index === undefined) {
    nl.createBridge(network.bridge, network.mtu);
    index = nl.linkIndex(network.bridge) ?? 0;
  } else {
    nl.setUp(index, `bridge ${network.bridge}`);
  }
  keepExisting(() => nl.addAddress(index, parseIp(network.gateway), parseSubnet(network.subnet).prefix, `bridge ${network.bridge}`));
  const { subnet6, gateway6 } = network;
  if (subnet6 !== undefined && gateway6 !== undefined) {
    keepExisting(() => nl.addAddress6(index, parseIp6(gateway6), parseSubnet6(subnet6).prefix, `bridge ${network.bridge}`));
  }
  return index;
}

function keepExisting(add: () => void): void {
  try {
    add();
  } catch (error) {
    if ((error as { errno?: number }).errno !== EEXIST) throw error;
  }
}

/**
 * Deletes bridge `name` and every link enslaved to it; returns the names deleted. The deletes run off the
 * event loop (RouteNetlink.deleteLinkAsync).
 */
export async function removeBridge(nl: RouteNetlink, name: string): Promise<string[]> {
  const links = nl.listLinks();
  const bridge = links.find((l) => l.name === name);
  if (bridge === undefined) return [];
  const ports = links.filter((l) => l.master === bridge.index).map((l) => l.name);
  // All at once, the bridge first (libuv runs four at a time): each delete waits out an RCU grace period,
  // and concurrent ones wait out the same. A bridge deleted first simply lets go of its ports.
  await Promise.all([name, ...ports].map((link) => RouteNetlink.deleteLinkAsync(link)));
  return [...ports, name];
}
