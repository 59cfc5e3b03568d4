/**
 * IPv6 isolation for networks with IPv6, in berth's own `ip6` nftables table (same name as the `ip`
 * one): like the IPv4 rules of nat.ts, a chain `net-<bridge>` reached from `forward` through the
 * `isolate` verdict map drops anything forwarded from the bridge to another berth bridge (and, when
 * internal, anywhere). No IPv6 masquerading: berth never turns on IPv6 forwarding on the host (that
 * would stop its interfaces accepting router advertisements), so IPv6 stays on the network's bridge
 * unless the host forwards IPv6 itself, and then these rules keep projects apart.
 */
import { spawnSync } from 'node:child_process';
import { nft, nftAsync, NAT_TABLE, type NatNetwork } from './nat.js';

const BASE = (t: string): string => `
add table ip6 ${t}
add map ip6 ${t} isolate { type ifname : verdict; }
add chain ip6 ${t} forward { type filter hook forward priority filter; policy accept; }
flush chain ip6 ${t} forward
add rule ip6 ${t} forward iifname vmap @isolate
`;

/** Installs (or re-installs) the IPv6 isolation rules of `network` in `table`. */
export async function addIsolation6(network: NatNetwork, table = NAT_TABLE): Promise<void> {
  const chain = `net-${network.bridge}`;
  const lines = [
    BASE(table),
    `add chain ip6 ${table} ${chain}`,
    `flush chain ip6 ${table} ${chain}`,
    `add rule ip6 ${table} ${chain} oifname "berth*" oifname != "${network.bridge}" drop`,
  ];
  if (network.internal) lines.push(`add rule ip6 ${table} ${chain} oifname != "${network.bridge}" drop`);
  lines.push(`add element ip6 ${table} isolate { "${network.bridge}" : jump ${chain} }`);
  await nftAsync(lines.join('\n'), `add IPv6 rules of bridge ${network.bridge}`);
}

/** Removes `bridge`'s IPv6 rules, and the `ip6` table with its last network; idempotent. */
export function removeIsolation6(bridge: string, table = NAT_TABLE): void {
  const text = listTable6(table);
  if (text === undefined) return;
  const chains = [...text.matchAll(/chain (net-\S+) \{/g)].map((m) => m[1]!);
  if (chains.every((c) => c === `net-${bridge}`)) {
    nft(`delete table ip6 ${table}`, `remove the IPv6 table ${table}`);
    return;
  }
  if (!chains.includes(`net-${bridge}`)) return;
  nft([
    `add element ip6 ${table} isolate { "${bridge}" : jump net-${bridge} }`,
    `delete element ip6 ${table} isolate { "${bridge}" }`,
    `delete chain ip6 ${table} net-${bridge}`,
  ].join('\n'), `remove IPv6 rules of bridge ${bridge}`);
}

/** The `ip6` table's text, or undefined when it does not exist. */
export function listTable6(table = NAT_TABLE): string | undefined {
  const run = spawnSync('nft', ['list', 'table', 'ip6', table], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout : undefined;
}
