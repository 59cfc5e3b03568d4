/**
 * The way round a taken port 53: when something on the host already listens on 0.0.0.0:53 (or on the
 * gateway's port 53), the network's DNS server listens on another port of the gateway and berth's
 * nftables table DNATs the containers' queries to gateway:53 (UDP and TCP, arriving on the network's
 * bridge) to it. Per network: a chain `dns-<bridge>` reached from `prerouting` through the
 * `dnsredirect` verdict map; removed by removeDnsRedirect or with the network's rules (nat.ts).
 */
import { listTable, nft, NAT_TABLE } from './nat.js';

const BASE = (t: string): string => `
add table ip ${t}
add map ip ${t} dnsredirect { type ifname : verdict; }
add chain ip ${t} prerouting { type nat hook prerouting priority dstnat; policy accept; }
flush chain ip ${t} prerouting
add rule ip ${t} prerouting iifname vmap @dnsredirect
`;

/** Sends queries from `bridge` to `gateway`:53 to `gateway`:`port` instead. */
export function addDnsRedirect(bridge: string, gateway: string, port: number, table = NAT_TABLE): void {
  const chain = `dns-${bridge}`;
  nft([
    BASE(table),
    `add chain ip ${table} ${chain}`,
    `flush chain ip ${table} ${chain}`,
    `add rule ip ${table} ${chain} ip daddr ${gateway} udp dport 53 dnat to ${gateway}:${port}`,
    `add rule ip ${table} ${chain} ip daddr ${gateway} tcp dport 53 dnat to ${gateway}:${port}`,
    `add element ip ${table} dnsredirect { "${bridge}" : jump ${chain} }`,
  ].join('\n'), `redirect DNS of bridge ${bridge} to port ${port}`);
}

/** Removes `bridge`'s DNS redirect; idempotent (a missing table or chain is fine, and none is made). */
export function removeDnsRedirect(bridge: string, table = NAT_TABLE): void {
  const chain = `dns-${bridge}`;
  if (!(listTable(table) ?? '').includes(`chain ${chain} {`)) return;
  // Adding the element first makes its deletion succeed whether or not a crash already removed it.
  nft([
    `add element ip ${table} dnsredirect { "${bridge}" : jump ${chain} }`,
    `delete element ip ${table} dnsredirect { "${bridge}" }`,
    `delete chain ip ${table} ${chain}`,
  ].join('\n'), `remove the DNS redirect of bridge ${bridge}`);
}
