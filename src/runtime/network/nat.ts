/**
 * Outbound masquerading and isolation in berth's own nftables table (`ip berth`; tests pass another
 * name), changed by one `nft -f -` transaction per network. Per network: its subnet in the `masq` set
 * (non-internal only: masqueraded when leaving through a non-berth interface) and a chain `net-<bridge>`
 * reached from `forward` through the `isolate` verdict map, dropping anything it would forward to
 * another berth bridge (and, when internal, anywhere). A network's DNS redirect (dns-redirect.ts) is
 * removed with its rules. Nothing else on the host is touched; the table is deleted with its last network.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { BerthError } from '../../errors/index.js';

/** The default table name. */
export const NAT_TABLE = 'berth';

/** What nat needs of a network. */
export interface NatNetwork {
  bridge: string;
  subnet: string;
  internal: boolean;
}

const BASE = (t: string): string => `
add table ip ${t}
add set ip ${t} masq { type ipv4_addr; flags interval; }
add map ip ${t} isolate { type ifname : verdict; }
add chain ip ${t} postrouting { type nat hook postrouting priority srcnat; policy accept; }
add chain ip ${t} forward { type filter hook forward priority filter; policy accept; }
flush chain ip ${t} postrouting
flush chain ip ${t} forward
add rule ip ${t} postrouting ip saddr @masq oifname != "berth*" masquerade
add rule ip ${t} forward iifname vmap @isolate
`;

/** Installs (or re-installs) the rules of `network` in `table`; nft runs beside the caller's event loop. */
export async function addNetworkRules(network: NatNetwork, table = NAT_TABLE): Promise<void> {
  const chain = `net-${network.bridge}`;
  const lines = [
    BASE(table),
    `add chain ip ${table} ${chain}`,
    `flush chain ip ${table} ${chain}`,
    `add rule ip ${table} ${chain} oifname "berth*" oifname != "${network.bridge}" drop`,
  ];
  if (network.internal) lines.push(`add rule ip ${table} ${chain} oifname != "${network.bridge}" drop`);
  else lines.push(`add element ip ${table} masq { ${network.subnet} }`);
  lines.push(`add element ip ${table} isolate { "${network.bridge}" : jump ${chain} }`);
  await nftAsync(lines.join('\n'), `add rules of bridge ${network.bridge}`);
}

/** Removes what exists of `bridge`'s rules, and the table when no network is left; idempotent. nft runs beside the event loop. */
export async function removeNetworkRules(bridge: string, subnet: string, table = NAT_TABLE): Promise<void> {
  const state = await readTable(table);
  if (state === undefined) return;
  const lines: string[] = [];
  if (state.isolate.includes(bridge)) lines.push(`delete element ip ${table} isolate { "${bridge}" }`);
  if (state.masq.includes(subnet)) lines.push(`delete element ip ${table} masq { ${subnet} }`);
  if (state.chains.includes(`net-${bridge}`)) lines.push(`delete chain ip ${table} net-${bridge}`);
  if (state.dnsRedirect.includes(bridge)) lines.push(`delete element ip ${table} dnsredirect { "${bridge}" }`);
  if (state.chains.includes(`dns-${bridge}`)) lines.push(`delete chain ip ${table} dns-${bridge}`);
  const left = state.chains.filter((c) => c.startsWith('net-') && c !== `net-${bridge}`);
  if (left.length === 0) lines.splice(0, lines.length, `delete table ip ${table}`);
  if (lines.length > 0) await nftAsync(lines.join('\n'), `remove rules of bridge ${bridge}`);
}

/** The table's text (`nft list table`), or undefined when it does not exist. */
export function listTable(table = NAT_TABLE): string | undefined {
  const run = spawnSync('nft', ['list', 'table', 'ip', table], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout : undefined;
}

interface TableState {
  chains: string[];
  isolate: string[];
  masq: string[];
  dnsRedirect: string[];
}

async function readTable(table: string): Promise<TableState | undefined> {
  const text = await nftOutput(['-j', 'list', 'table', 'ip', table]);
  if (text === undefined) return undefined;
  const items = (JSON.parse(text) as { nftables: Array<Record<string, { name?: string; elem?: unknown[] }>> }).nftables;
  const state: TableState = { chains: [], isolate: [], masq: [], dnsRedirect: [] };
  for (const item of items) {
    if (item['chain']?.name !== undefined) state.chains.push(item['chain'].name);
    if (item['map']?.name === 'isolate') state.isolate = (item['map'].elem ?? []).map((e) => String((e as unknown[])[0]));
    if (item['map']?.name === 'dnsredirect') state.dnsRedirect = (item['map'].elem ?? []).map((e) => String((e as unknown[])[0]));
    if (item['set']?.name === 'masq') state.masq = (item['set'].elem ?? []).map(prefixText);
  }
  return state;
}

/** What `nft <args>` prints, or undefined when it fails (no such table). */
function nftOutput(args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('nft', args, { encoding: 'utf8', maxBuffer: 64 << 20 }, (error, stdout) => resolve(error === null ? stdout : undefined));
  });
}

function prefixText(elem: unknown): string {
  const prefix = (elem as { prefix?: { addr: string; len: number } }).prefix;
  return prefix === undefined ? String(elem) : `${prefix.addr}/${prefix.len}`;
}

/** Runs an nft script as one transaction; a clear error naming `what` when it fails. */
export function nft(script: string, what: string): void {
  const run = spawnSync('nft', ['-f', '-'], { input: script, encoding: 'utf8' });
  if (run.error !== undefined || run.status !== 0) throw nftFailed(what, run.stderr ?? String(run.error));
}

/** nft() without blocking the event loop. */
export function nftAsync(script: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('nft', ['-f', '-'], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', (error) => reject(nftFailed(what, String(error))));
    child.on('close', (code) => (code === 0 ? resolve() : reject(nftFailed(what, stderr))));
    // An nft that cannot start or dies first closes its stdin (EPIPE): 'error' or 'close' above reports it.
    child.stdin.on('error', () => undefined);
    child.stdin.end(script);
  });
}

function nftFailed(what: string, output: string): BerthError {
  return new BerthError('system', 'network.nft-failed', `nft could not ${what}: ${output.trim()}`,
    { hint: 'check that nftables is installed (scripts/install-system-deps.sh) and the kernel has nf_tables' });
}
