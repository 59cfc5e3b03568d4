/**
 * IP addresses and subnets as the consistency phase reads them: IPv4 and IPv6 parsed into bigints, so
 * containment and overlap are plain integer comparisons. Pure; no network code.
 */

/** A parsed subnet: its first address, prefix length and family width (32 or 128 bits). */
export interface Subnet {
  base: bigint;
  prefix: number;
  bits: 32 | 128;
}

/** The address as a bigint, or undefined when it is not a valid IPv4 or IPv6 address. */
export function parseAddress(text: string): { value: bigint; bits: 32 | 128 } | undefined {
  if (text.includes(':')) {
    const value = parseV6(text);
    return value === undefined ? undefined : { value, bits: 128 };
  }
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return undefined;
  return { value: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n), bits: 32 };
}

function parseV6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = halves.map((h) => (h === '' ? [] : h.split(':')));
  const count = groups.reduce((n, g) => n + g.length, 0);
  if (halves.length === 1 ? count !== 8 : count > 7) return undefined;
  const all = halves.length === 1 ? groups[0]! : [...groups[0]!, ...Array<string>(8 - count).fill('0'), ...groups[1]!];
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** The subnet in CIDR notation, or undefined when malformed (bad address, prefix, or host bits set). */
export function parseSubnet(text: string): Subnet | undefined {
  const [address = '', prefixText, ...rest] = text.split('/');
  const parsed = parseAddress(address);
  if (parsed === undefined || prefixText === undefined || rest.length > 0 || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > parsed.bits) return undefined;
  const hostMask = (1n << BigInt(parsed.bits - prefix)) - 1n;
  if ((parsed.value & hostMask) !== 0n) return undefined;
  return { base: parsed.value, prefix, bits: parsed.bits };
}

/** The last address of a subnet. */
function lastOf(subnet: Subnet): bigint {
  return subnet.base + (1n << BigInt(subnet.bits - subnet.prefix)) - 1n;
}

/** Whether the address lies in the subnet (same family). */
export function contains(subnet: Subnet, address: { value: bigint; bits: number }): boolean {
  return address.bits === subnet.bits && address.value >= subnet.base && address.value <= lastOf(subnet);
}

/** Whether two subnets share an address. */
export function overlaps(a: Subnet, b: Subnet): boolean {
  return a.bits === b.bits && a.base <= lastOf(b) && b.base <= lastOf(a);
}
