/**
 * IP address management. `settleNetwork` validates a network's subnet, gateway and range against the
 * host's routes and the other berth networks and fills in what is missing (pure). Container addresses
 * are files, as in CNI's host-local: `<network dir>/addresses/<ip>` holds its owner; creating it with
 * O_EXCL is the reservation, so two processes never get the same address, and an owner asking again
 * (a restarted container) gets its address back. The IPv6 side of a network lives in ipam6.ts.
 */
import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { BerthError } from '../../errors/index.js';
import type { StateRoots } from '../state-roots.js';
import { pickSubnet, type AddressPool } from './address-pool.js';
import type { Subnet6 } from './ipv6.js';
import { broadcastOf, contains, formatIp, formatSubnet, overlaps, parseIp, parseSubnet, type Subnet } from './ipv4.js';
import { ownersOf, reserve } from './address-files.js';
import { settleIpv6 } from './ipam6.js';
import { addressesDir, type NetworkRecord, type NetworkSpec } from './network-record.js';

/** Subnets already in use: routed on the host, or owned by other berth networks (by name). */
export interface TakenSubnets {
  hostRoutes: Subnet[];
  networks: Array<{ name: string; subnet: Subnet }>;
  /** Other berth networks' IPv6 subnets, by name. */
  networks6?: Array<{ name: string; subnet: Subnet6 }> | undefined;
}

/** Validates `spec` and settles its subnet and gateway; throws before anything is created. */
export function settleNetwork(spec: NetworkSpec, taken: TakenSubnets, pool: AddressPool): NetworkRecord {
  checkBridgeName(spec.bridge);
  const others = taken.networks.filter((n) => n.name !== spec.name);
  const subnet = spec.subnet === undefined ? chooseSubnet(spec, taken, others, pool) : parseSubnet(spec.subnet, `subnet of network ${spec.name}`);
  const clash = others.find((n) => overlaps(n.subnet, subnet));
  if (clash !== undefined) {
    throw new BerthError('conflict', 'network.subnet-overlap',
      `subnet ${formatSubnet(subnet)} of network ${spec.name} overlaps network ${clash.name} (${formatSubnet(clash.subnet)})`,
      { hint: 'choose a subnet no other network uses, or leave it out to get a free one' });
  }
  if (subnet.prefix > 30) {
    throw new BerthError('invalid', 'network.subnet-too-small', `subnet ${formatSubnet(subnet)} of network ${spec.name} has no room for containers`,
      { hint: 'use a prefix of /30 or shorter, e.g. /24' });
  }
  const gateway = spec.gateway === undefined ? subnet.network + 1 : parseIp(spec.gateway, `gateway of network ${spec.name}`);
  checkHost(subnet, gateway, `gateway ${formatIp(gateway)} of network ${spec.name}`);
  if (spec.ipRange !== undefined) {
    const range = parseSubnet(spec.ipRange, `ip_range of network ${spec.name}`);
    if (!contains(subnet, range.network) || range.prefix < subnet.prefix) {
      throw new BerthError('invalid', 'network.range-outside-subnet', `ip_range ${spec.ipRange} of network ${spec.name} is not inside ${formatSubnet(subnet)}`,
        { hint: 'give an ip_range that lies within the subnet' });
    }
  }
  return { ...spec, subnet: formatSubnet(subnet), gateway: formatIp(gateway), ...settleIpv6(spec, taken.networks6 ?? []) };
}

/** Reserves an address on `network` for `owner` (its own earlier one, `wanted`, or the first free). */
export function allocateAddress(roots: StateRoots, network: NetworkRecord, owner: string, wanted?: string): string {
  const dir = addressesDir(roots, network.name, 4);
  const held = ownersOf(dir);
  const subnet = parseSubnet(network.subnet);
  if (wanted !== undefined) {
    const ip = parseIp(wanted, `ipv4_address of ${owner}`);
    checkHost(subnet, ip, `ipv4_address ${wanted} of ${owner} on network ${network.name}`);
    if (ip === parseIp(network.gateway)) throw taken(wanted, network.name, 'the gateway');
    const holder = held.get(wanted);
    if (holder !== undefined && holder !== owner) throw taken(wanted, network.name, holder);
    if (holder === undefined && !reserve(dir, wanted, owner)) throw taken(wanted, network.name, 'another container');
    return wanted;
  }
  for (const [ip, holder] of held) if (holder === owner) return ip;
  const range = network.ipRange === undefined ? subnet : parseSubnet(network.ipRange);
  const gateway = parseIp(network.gateway);
  const usable = (ip: number): boolean => ip !== gateway && ip !== subnet.network && ip !== broadcastOf(subnet) && contains(subnet, ip);
  for (let ip = range.network; ip <= broadcastOf(range); ip++) {
    const text = formatIp(ip);
    if (usable(ip) && !held.has(text) && reserve(dir, text, owner)) return text;
  }
  throw new BerthError('conflict', 'network.addresses-exhausted', `network ${network.name} has no free address left`,
    { hint: 'remove stopped containers from it, or give it a larger subnet or ip_range' });
}

/** Frees every address (IPv4 and IPv6) `owner` holds on `network`; freeing nothing is fine. */
export function releaseAddresses(roots: StateRoots, network: NetworkRecord, owner: string): void {
  for (const dir of [addressesDir(roots, network.name, 4), addressesDir(roots, network.name, 6)]) {
    for (const [ip, holder] of ownersOf(dir)) if (holder === owner) unlinkSync(join(dir, ip));
  }
}

function chooseSubnet(spec: NetworkSpec, taken: TakenSubnets, others: TakenSubnets['networks'], pool: AddressPool): Subnet {
  const subnet = pickSubnet(pool, [...taken.hostRoutes, ...others.map((n) => n.subnet)]);
  if (subnet === undefined) {
    throw new BerthError('precondition', 'network.pool-exhausted', `no free subnet left in ${formatSubnet(pool.base)} for network ${spec.name}`,
      { hint: 'remove unused networks (berth down) or give this network an explicit ipam subnet' });
  }
  return subnet;
}

function checkHost(subnet: Subnet, ip: number, what: string): void {
  if (!contains(subnet, ip) || ip === subnet.network || ip === broadcastOf(subnet)) {
    throw new BerthError('invalid', 'network.address-outside-subnet', `${what} is not a host address of ${formatSubnet(subnet)}`,
      { hint: 'pick an address inside the subnet, other than its first and last' });
  }
}

function checkBridgeName(name: string): void {
  if (!/^berth[A-Za-z0-9_.-]{1,10}$/.test(name)) {
    throw new BerthError('invalid', 'network.invalid-bridge-name', `bridge name "${name}" must start with "berth" and be at most 15 bytes`,
      { hint: 'use berth followed by up to 10 letters, digits, "_", "." or "-"' });
  }
}

function taken(ip: string, network: string, holder: string): BerthError {
  return new BerthError('conflict', 'network.address-taken', `address ${ip} on network ${network} is already taken by ${holder}`,
    { hint: 'choose another ipv4_address, or leave it out to get a free one' });
}
