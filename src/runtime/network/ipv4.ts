/**
 * IPv4 addresses and CIDR subnets as plain numbers: parsing with clear errors, formatting, containment
 * and overlap. Pure; every address in the network code goes through here.
 */
import { BerthError } from '../../errors/index.js';

/** A subnet: its network address (host bits zero) and prefix length. */
export interface Subnet {
  network: number;
  prefix: number;
}

const DOTTED = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Parses a dotted-quad IPv4 address; `what` names it in the error. */
export function parseIp(text: string, what = 'address'): number {
  const m = DOTTED.exec(text.trim());
  const parts = m === null ? [] : m.slice(1).map(Number);
  if (parts.length !== 4 || parts.some((p) => p > 255)) {
    throw new BerthError('invalid', 'network.invalid-address', `${what} "${text}" is not an IPv4 address`, {
      hint: 'write it as four numbers 0-255 separated by dots, e.g. 10.89.0.5',
    });
  }
  return (((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0);
}

/** Formats a numeric IPv4 address as a dotted quad. */
export function formatIp(ip: number): string {
  return [ip >>> 24, (ip >>> 16) & 255, (ip >>> 8) & 255, ip & 255].join('.');
}

/** The netmask of a prefix length as a number. */
export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
}

/** Parses `a.b.c.d/n`; host bits must be zero unless `loose`. */
export function parseSubnet(text: string, what = 'subnet', loose = false): Subnet {
  const [addr, bits, extra] = text.trim().split('/');
  const prefix = Number(bits);
  if (addr === undefined || bits === undefined || extra !== undefined || !/^\d{1,2}$/.test(bits) || prefix > 32) {
    throw new BerthError('invalid', 'network.invalid-subnet', `${what} "${text}" is not an IPv4 CIDR subnet`, {
      hint: 'write it as address/prefix, e.g. 10.89.3.0/24',
    });
  }
  const ip = parseIp(addr, what);
  const network = (ip & maskOf(prefix)) >>> 0;
  if (!loose && network !== ip) {
    throw new BerthError('invalid', 'network.invalid-subnet', `${what} "${text}" has host bits set`, {
      hint: `use ${formatIp(network)}/${prefix}`,
    });
  }
  return { network, prefix };
}

/** Formats a subnet as CIDR text. */
export function formatSubnet(subnet: Subnet): string {
  return `${formatIp(subnet.network)}/${subnet.prefix}`;
}

/** Whether `ip` lies inside `subnet`. */
export function contains(subnet: Subnet, ip: number): boolean {
  return ((ip & maskOf(subnet.prefix)) >>> 0) === subnet.network;
}

/** Whether two subnets share any address. */
export function overlaps(a: Subnet, b: Subnet): boolean {
  const prefix = Math.min(a.prefix, b.prefix);
  return ((a.network & maskOf(prefix)) >>> 0) === ((b.network & maskOf(prefix)) >>> 0);
}

/** The broadcast (last) address of a subnet. */
export function broadcastOf(subnet: Subnet): number {
  return (subnet.network | (~maskOf(subnet.prefix) >>> 0)) >>> 0;
}

/** An IPv4 address as the 4 network-order bytes netlink wants. */
export function ipBytes(ip: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(ip, 0);
  return b;
}
