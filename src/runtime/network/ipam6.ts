/**
 * IPv6 address management for networks with `enable_ipv6`: the ipam IPv6 subnet is validated (no
 * overlap with another berth network's, prefix /64../120), its gateway settled (default: the first
 * address), and container addresses allocated as files under `addresses6/` exactly like IPv4 ones
 * (same owner → same address across restarts). No default IPv6 pool: IPv6 needs an explicit subnet.
 */
import { BerthError } from '../../errors/index.js';
import type { StateRoots } from '../state-roots.js';
import { ownersOf, reserve } from './address-files.js';
import { contains6, formatIp6, formatSubnet6, overlaps6, parseIp6, parseSubnet6, type Subnet6 } from './ipv6.js';
import { addressesDir, type NetworkRecord, type NetworkSpec } from './network-record.js';

// Allocation walks from the subnet's start; a network never holds more containers than this.
const MAX_SCAN = 65_536n;

/** The settled IPv6 fields of `spec` (none when it has no IPv6 subnet); throws before anything exists. */
export function settleIpv6(spec: NetworkSpec, others: Array<{ name: string; subnet: Subnet6 }>): Pick<NetworkSpec, 'subnet6' | 'gateway6'> {
  if (spec.subnet6 === undefined) {
    if (spec.gateway6 === undefined) return {};
    throw new BerthError('invalid', 'network.ipv6-gateway-without-subnet', `network ${spec.name} has an IPv6 gateway but no IPv6 subnet`,
      { hint: 'add an IPv6 subnet under ipam.config, next to the gateway' });
  }
  const subnet = parseSubnet6(spec.subnet6, `IPv6 subnet of network ${spec.name}`);
  if (subnet.prefix < 64 || subnet.prefix > 120) {
    throw new BerthError('invalid', 'network.ipv6-prefix', `IPv6 subnet ${spec.subnet6} of network ${spec.name} must have a prefix from /64 to /120`,
      { hint: 'use a /64, e.g. fd42:b0b0:1::/64' });
  }
  const clash = others.find((n) => n.name !== spec.name && overlaps6(n.subnet, subnet));
  if (clash !== undefined) {
    throw new BerthError('conflict', 'network.subnet-overlap',
      `IPv6 subnet ${formatSubnet6(subnet)} of network ${spec.name} overlaps network ${clash.name} (${formatSubnet6(clash.subnet)})`,
      { hint: 'choose an IPv6 subnet no other network uses' });
  }
  const gateway = spec.gateway6 === undefined ? subnet.network + 1n : parseIp6(spec.gateway6, `IPv6 gateway of network ${spec.name}`);
  checkHost6(subnet, gateway, `IPv6 gateway ${formatIp6(gateway)} of network ${spec.name}`);
  return { subnet6: formatSubnet6(subnet), gateway6: formatIp6(gateway) };
}

/** Reserves an IPv6 address on `network` for `owner` (its own earlier one, `wanted`, or the first free). */
export function allocateAddress6(roots: StateRoots, network: NetworkRecord, owner: string, wanted?: string): string {
  if (network.subnet6 === undefined || network.gateway6 === undefined) {
    throw new BerthError('precondition', 'network.no-ipv6', `network ${network.name} has no IPv6 subnet`,
      { hint: 'set enable_ipv6: true and an IPv6 subnet under ipam.config on the network' });
  }
  const dir = addressesDir(roots, network.name, 6);
  const held = ownersOf(dir);
  const subnet = parseSubnet6(network.subnet6);
  const gateway = parseIp6(network.gateway6);
  if (wanted !== undefined) {
    const text = formatIp6(parseIp6(wanted, `ipv6_address of ${owner}`));
    checkHost6(subnet, parseIp6(text), `ipv6_address ${wanted} of ${owner} on network ${network.name}`);
    const holder = text === network.gateway6 ? 'the gateway' : held.get(text);
    if ((holder !== undefined && holder !== owner) || (holder === undefined && !reserve(dir, text, owner))) {
      throw new BerthError('conflict', 'network.address-taken', `address ${text} on network ${network.name} is already taken by ${holder ?? 'another container'}`,
        { hint: 'choose another ipv6_address, or leave it out to get a free one' });
    }
    return text;
  }
  for (const [ip, holder] of held) if (holder === owner) return ip;
  for (let ip = subnet.network + 1n; ip < subnet.network + MAX_SCAN && contains6(subnet, ip); ip++) {
    const text = formatIp6(ip);
    if (ip !== gateway && !held.has(text) && reserve(dir, text, owner)) return text;
  }
  throw new BerthError('conflict', 'network.addresses-exhausted', `network ${network.name} has no free IPv6 address left`,
    { hint: 'remove stopped containers from it, or give it a larger IPv6 subnet' });
}

function checkHost6(subnet: Subnet6, ip: bigint, what: string): void {
  if (!contains6(subnet, ip) || ip === subnet.network) {
    throw new BerthError('invalid', 'network.address-outside-subnet', `${what} is not a host address of ${formatSubnet6(subnet)}`,
      { hint: 'pick an address inside the IPv6 subnet, other than its first (the subnet-router anycast address)' });
  }
}
