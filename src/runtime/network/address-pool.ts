/**
 * The default address pool for networks without a declared subnet: 10.89.0.0/16 cut into /24s, the
 * range Podman also uses for its named networks (172.16.0.0/12 and 192.168.0.0/16 are where Docker,
 * VPNs and home routers live, so collisions there are likelier). A subnet is chosen only when it
 * overlaps no route of the host and no other berth network. Pure.
 */
import { overlaps, parseSubnet, type Subnet } from './ipv4.js';

/** The pool berth carves network subnets from, and the prefix of each. */
export interface AddressPool {
  base: Subnet;
  prefix: number;
}

/** 10.89.0.0/16 in /24s. */
export const DEFAULT_POOL: AddressPool = { base: parseSubnet('10.89.0.0/16'), prefix: 24 };

/** The first subnet of `pool` overlapping none of `taken`, or undefined when the pool is exhausted. */
export function pickSubnet(pool: AddressPool, taken: Subnet[]): Subnet | undefined {
  const count = 2 ** (pool.prefix - pool.base.prefix);
  const step = 2 ** (32 - pool.prefix);
  for (let i = 0; i < count; i++) {
    const candidate = { network: (pool.base.network + i * step) >>> 0, prefix: pool.prefix };
    if (!taken.some((t) => overlaps(t, candidate))) return candidate;
  }
  return undefined;
}
