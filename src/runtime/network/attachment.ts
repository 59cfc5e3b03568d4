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
  const bridge = bridgeIndex(spec, host);
  withPeerNamespace(spec, (nsFd) => createVeth(spec, host, bridge, nsFd));
  configuringInside(spec, host, (inside) => configureInside(spec, inside));
  return made(spec);
}

/**
 * attach() with the kernel's work off the event loop: the pair is created and configured through
 * sockets of this call's own (RouteNetlink.deferred), so the caller can set up other containers meanwhile.
 */
export async function attachAsync(spec: AttachmentSpec): Promise<Attachment> {
  const host = RouteNetlink.open();
  try {
    const bridge = bridgeIndex(spec, host);
    await withPeerNamespace(spec, (nsFd) => host.deferred(() => createVeth(spec, host, bridge, nsFd)));
    await configuringInside(spec, host, (inside) => inside.deferred(() => configureInside(spec, inside)));
    return made(spec);
  } finally {
    host.close();
  }
}

/** Deletes the veth pair of (`netnsPath`, `ifname`); returns false when there was none. */
export function detach(netnsPath: string, ifname: string, host: RouteNetlink = sharedHostNetlink()): boolean {
  return host.deleteLink(hostIfnameOf(netnsPath, ifname));
}

function made(spec: AttachmentSpec): Attachment {
  const { network } = spec;
  const attachment = {
    netnsPath: spec.netnsPath, ifname: spec.ifname, hostIfname: hostIfnameOf(spec.netnsPath, spec.ifname), address: spec.address,
    prefix: parseSubnet(network.subnet).prefix, gateway: network.gateway,
  };
  return spec.address6 === undefined ? attachment : { ...attachment, address6: spec.address6 };
}

function bridgeIndex(spec: AttachmentSpec, host: RouteNetlink): number {
  const bridge = host.linkIndex(spec.network.bridge);
  if (bridge === undefined) {
    throw new BerthError('not-found', 'network.bridge-missing', `bridge ${spec.network.bridge} of network ${spec.network.name} does not exist`,
      { hint: 'create the network first (berth up creates it)' });
  }
  return bridge;
}

/** Runs `fn` with the container's namespace open; an EEXIST from it means the interface is already attached. */
function withPeerNamespace<T>(spec: AttachmentSpec, fn: (nsFd: number) => T): T {
  let nsFd: number;
  try {
    nsFd = openSync(spec.netnsPath, 'r');
  } catch (error) {
    throw new BerthError('not-found', 'network.netns-missing', `network namespace file ${spec.netnsPath} cannot be opened`,
      { hint: 'create the namespace (createNetns) before attaching it', cause: error });
  }
  const close = (): void => closeSync(nsFd);
  let result: T;
  try {
    result = fn(nsFd);
  } catch (error) {
    close();
    throw alreadyAttached(spec, error);
  }
  if (!(result instanceof Promise)) {
    close();
    return result;
  }
  return result.then((value) => { close(); return value; }, (error: unknown) => { close(); throw alreadyAttached(spec, error); }) as T;
}

/**
 * Runs `configure` (sync, or async) on a socket in the container's namespace, closed after it; when it
 * fails, the veth pair is deleted again and the failure thrown.
 */
function configuringInside<T>(spec: AttachmentSpec, host: RouteNetlink, configure: (inside: RouteNetlink) => T): T {
  const undo = (error: unknown): never => {
    host.deleteLink(hostIfnameOf(spec.netnsPath, spec.ifname));
    throw error;
  };
  let inside: RouteNetlink | undefined;
  let result: T;
  try {
    inside = RouteNetlink.open(spec.netnsPath);
    result = configure(inside);
  } catch (error) {
    inside?.close();
    return undo(error);
  }
  const opened = inside;
  if (!(result instanceof Promise)) {
    opened.close();
    return result;
  }
  return result.then((value: unknown) => { opened.close(); return value; }, (error: unknown) => { opened.close(); return undo(error); }) as T;
}

function alreadyAttached(spec: AttachmentSpec, error: unknown): unknown {
  if ((error as { errno?: number }).errno !== EEXIST) return error;
  const hostIfname = hostIfnameOf(spec.netnsPath, spec.ifname);
  return new BerthError('conflict', 'network.already-attached', `interface ${spec.ifname} of ${spec.netnsPath} is already attached (host end ${hostIfname})`,
    { hint: 'detach it first, or use the next free interface name', cause: error });
}

function createVeth(spec: AttachmentSpec, host: RouteNetlink, bridge: number, nsFd: number): void {
  host.createVeth(hostIfnameOf(spec.netnsPath, spec.ifname), bridge, { name: spec.ifname, nsFd, mtu: spec.network.mtu, mac: spec.mac });
}

/** Brings lo and the interface up, with its address and the default route (inside's requests may be deferred). */
function configureInside(spec: AttachmentSpec, inside: RouteNetlink): void {
  const index = inside.linkIndex(spec.ifname) ?? 0;
  inside.setUp(1, 'lo');
  inside.setUp(index, spec.ifname);
  inside.addAddress(index, parseIp(spec.address), parseSubnet(spec.network.subnet).prefix, `${spec.ifname} in ${spec.netnsPath}`);
  if (spec.isDefaultRoute && !spec.network.internal) inside.addDefaultRoute(parseIp(spec.network.gateway), index);
  configureInside6(inside, index, spec);
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
