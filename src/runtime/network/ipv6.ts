/**
 * IPv6 addresses and CIDR subnets as bigints: parsing with clear errors, canonical formatting (RFC 5952:
 * lowercase, longest zero run as `::`), containment and overlap. Pure; the IPv6 side of ipv4.ts.
 */
import { BerthError } from '../../errors/index.js';

/** An IPv6 subnet: its network address (host bits zero) and prefix length. */
export interface Subnet6 {
  network: bigint;
  prefix: number;
}

const ALL = (1n << 128n) - 1n;

/** Parses an IPv6 address (no zone, no embedded IPv4); `what` names it in the error. */
export function parseIp6(text: string, what = 'address'): bigint {
  const groups = expandGroups(text.trim());
  if (groups === undefined || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) {
    throw new BerthError('invalid', 'network.invalid-address', `${what} "${text}" is not an IPv6 address`, {
      hint: 'write it as eight groups of hex digits separated by ":", "::" once for zeros, e.g. fd42:b0b0::5',
    });
  }
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** Formats an IPv6 address canonically (RFC 5952). */
export function formatIp6(ip: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((ip >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { at: -1, len: 1 };
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at < 0) return hex.join(':');
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.len).join(':')}`;
}

/** Parses `addr/n`; host bits must be zero. */
export function parseSubnet6(text: string, what = 'subnet'): Subnet6 {
  const [addr, bits, extra] = text.trim().split('/');
  const prefix = Number(bits);
  if (addr === undefined || bits === undefined || extra !== undefined || !/^\d{1,3}$/.test(bits) || prefix > 128) {
    throw new BerthError('invalid', 'network.invalid-subnet', `${what} "${text}" is not an IPv6 CIDR subnet`, {
      hint: 'write it as address/prefix, e.g. fd42:b0b0::/64',
    });
  }
  const ip = parseIp6(addr, what);
  const network = ip & mask6(prefix);
  if (network !== ip) {
    throw new BerthError('invalid', 'network.invalid-subnet', `${what} "${text}" has host bits set`, { hint: `use ${formatIp6(network)}/${prefix}` });
  }
  return { network, prefix };
}

/** Formats a subnet as CIDR text. */
export function formatSubnet6(subnet: Subnet6): string {
  return `${formatIp6(subnet.network)}/${subnet.prefix}`;
}

/** Whether `ip` lies inside `subnet`. */
export function contains6(subnet: Subnet6, ip: bigint): boolean {
  return (ip & mask6(subnet.prefix)) === subnet.network;
}

/** Whether two subnets share any address. */
export function overlaps6(a: Subnet6, b: Subnet6): boolean {
  const m = mask6(Math.min(a.prefix, b.prefix));
  return (a.network & m) === (b.network & m);
}

/** An IPv6 address as the 16 network-order bytes netlink wants. */
export function ip6Bytes(ip: bigint): Buffer {
  const b = Buffer.alloc(16);
  b.writeBigUInt64BE(ip >> 64n, 0);
  b.writeBigUInt64BE(ip & 0xffffffffffffffffn, 8);
  return b;
}

function mask6(prefix: number): bigint {
  return prefix === 0 ? 0n : (ALL << BigInt(128 - prefix)) & ALL;
}

function expandGroups(text: string): string[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const split = (s: string | undefined): string[] => (s === undefined || s === '' ? [] : s.split(':'));
  const head = split(halves[0]);
  const tail = split(halves[1]);
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const zeros = 8 - head.length - tail.length;
  return zeros < 1 ? undefined : [...head, ...Array<string>(zeros).fill('0'), ...tail];
}
