/**
 * Reverse-lookup names (PTR questions): `d.c.b.a.in-addr.arpa` and the 32 nibbles of `….ip6.arpa`
 * turned back into the address text DnsRecords holds. Pure.
 */
import { formatIp6 } from './ipv6.js';

/** The address a reverse name asks about, or undefined when it is not a full reverse name. */
export function addressOfReverseName(name: string): string | undefined {
  const labels = name.toLowerCase().replace(/\.$/, '').split('.');
  const tail = labels.slice(-2).join('.');
  const parts = labels.slice(0, -2).reverse();
  if (tail === 'in-addr.arpa' && parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) < 256)) {
    return parts.map(Number).join('.');
  }
  if (tail === 'ip6.arpa' && parts.length === 32 && parts.every((p) => /^[0-9a-f]$/.test(p))) {
    return formatIp6(BigInt(`0x${parts.join('')}`));
  }
  return undefined;
}
