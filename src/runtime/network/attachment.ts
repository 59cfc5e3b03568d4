/**
 * A container's link to a network: a veth pair created straight into the container's namespace (the
 * peer gets its name, MTU and MAC at birth, so no link is ever moved), its address, and the default
 * route through the gateway when this is the container's first non-internal network (the same for IPv6
 * when the network has it and an IPv6 address was allocated). The host end is named `bv` + a hash of
 * (namespace file, interface), so detach needs no record; deleting either end deletes the pair.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { BerthError } from '../../errors/index.js';
import { parseIp, parseSubnet } from './ipv4.js';
import { parseIp6, parseSubnet6 } from './ipv6.js';
import type { NetworkRecord } from './network-record.js';
import { RouteNetlink, sharedHostNetlink } from './route-netlink.js';

/** What to attach: a namespace file, the interface name inside, the network and the reserved address. */
export interface AttachmentSpec {
  netnsPath: string;
  /** `eth0`, `eth1`, … */
  ifname: string;
  network: NetworkRecord;
  /** An address allocated on the network by IPAM. */
  address: string;
  /** An IPv6 address allocated by allocateAddress6, on a network with IPv6. */
  address6?: string | undefined;
  mac?: string | undefined;
  /** Route everything else through this network's gateway (ignored on internal networks). */
  isDefaultRoute: boolean;
}

/** A made attachment. */
export interface Attachment {
  netnsPath: string;
  ifname: string;
  hostIfname: string;
  address: string;
  prefix: number;
  gateway: string;
  address6?: string | undefined;
}

/** The host-side veth name of interface `ifname` in namespace file `netnsPath` (14 bytes). */
export function hostIfnameOf(netnsPath: string, ifname: string): string {
  return 'bv' + createHash('sha1').update(`${netnsPath}\0${ifname}`).digest('hex').slice(0, 12);
}

/** Creates the veth pair, address and routes of `spec`; undoes the pair when a later step fails. */
export function attach(spec: AttachmentSpec, host: RouteNetlink = sharedHostNetlink()): Attachment {
  const { network } = spec;
  const prefix = parseSubnet(network.subnet).prefix;
  const hostIfname = hostIfnameOf(spec.netnsPath, spec.ifname);
  const bridge = host.linkIndex(network.bridge);
  if (bridge === undefined) {
    throw new BerthError('not-found', 'network.bridge-missing', `bridge ${network.bridge} of network ${network.name} does not exist`,
      { hint: 'create the network first (berth up creates it)' });
  }
  createPair(spec, hostIfname, bridge, host);
  try {
    configureInside(spec, prefix);
  } catch (error) {
    host.deleteLink(hostIfname);
    throw error;
  }
  const made = { netnsPath: spec.netnsPath, ifname: spec.ifname, hostIfname, address: spec.address, prefix, gateway: network.gateway };
  return spec.address6 === undefined ? made : { ...made, address6: spec.address6 };
}

/** Deletes the veth pair of (`netnsPath`, `ifname`); returns false when there was none. */
export function detach(netnsPath: string, ifname: string, host: RouteNetlink = sharedHostNetlink()): boolean {
  return host.deleteLink(hostIfnameOf(netnsPath, ifname));
}

function createPair(spec: AttachmentSpec, hostIfname: string, bridge: number, host: RouteNetlink): void {
  let nsFd: number;
  try {
    nsFd = openSync(spec.netnsPath, 'r');
  } catch (error) {
    throw new BerthError('not-found', 'network.netns-missing', `network namespace file ${spec.netnsPath} cannot be opened`,
      { hint: 'create the namespace (createNetns) before attaching it', cause: error });
  }
  try {
    host.createVeth(hostIfname, bridge, { name: spec.ifname, nsFd, mtu: spec.network.mtu, mac: spec.mac });
  } catch (error) {
    if ((error as { errno?: number }).errno !== EEXIST) throw error;
    throw new BerthError('conflict', 'network.already-attached',
      `interface ${spec.ifname} of ${spec.netnsPath} is already attached (host end ${hostIfname})`,
      { hint: 'detach it first, or use the next free interface name', cause: error });
  } finally {
    closeSync(nsFd);
  }
}

function configureInside(spec: AttachmentSpec, prefix: number): void {
  const inside = RouteNetlink.open(spec.netnsPath);
  try {
    const index = inside.linkIndex(spec.ifname) ?? 0;
    inside.setUp(1, 'lo');
    inside.setUp(index, spec.ifname);
    inside.addAddress(index, parseIp(spec.address), prefix, `${spec.ifname} in ${spec.netnsPath}`);
    if (spec.isDefaultRoute && !spec.network.internal) inside.addDefaultRoute(parseIp(spec.network.gateway), index);
    configureInside6(inside, index, spec);
  } finally {
    inside.close();
  }
}

/** The IPv6 address (usable at once: no duplicate address detection) and IPv6 default route. */
function configureInside6(inside: RouteNetlink, index: number, spec: AttachmentSpec): void {
  const { subnet6, gateway6 } = spec.network;
  if (spec.address6 === undefined) return;
  if (subnet6 === undefined || gateway6 === undefined) {
    throw new BerthError('precondition', 'network.no-ipv6', `network ${spec.network.name} has no IPv6 subnet for address ${spec.address6}`,
      { hint: 'set enable_ipv6: true and an IPv6 subnet under ipam.config on the network' });
  }
  inside.addAddress6(index, parseIp6(spec.address6), parseSubnet6(subnet6).prefix, `${spec.ifname} in ${spec.netnsPath}`);
  if (spec.isDefaultRoute && !spec.network.internal) inside.addDefaultRoute6(parseIp6(gateway6), index);
}

const EEXIST = 17;
