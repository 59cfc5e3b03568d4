/**
 * The lifecycle of networks: create (validate and settle addresses first, record, then bridge, NAT and
 * isolation rules, IPv6 isolation when it has IPv6), remove (idempotent, from the record alone, copes
 * with half-made state) and removal of every network of a project. Everything a network owns on the
 * host is found again from its record and its bridge name, so a crashed CLI never strands a bridge or
 * a rule.
 */
import { BerthError, type BerthWarning } from '../../errors/index.js';
import type { StateRoots } from '../state-roots.js';
import { withQueuedLock } from '../state/atomic-file.js';
import { DEFAULT_POOL, type AddressPool } from './address-pool.js';
import { ensureBridge, removeBridge } from './bridge.js';
import { enableBridgeForwarding, ensureHostForwarding } from './forwarding.js';
import { settleNetwork } from './ipam.js';
import { addIsolation6, removeIsolation6 } from './isolation6.js';
import { parseSubnet } from './ipv4.js';
import { parseSubnet6 } from './ipv6.js';
import { addNetworkRules, NAT_TABLE, removeNetworkRules } from './nat.js';
import { sharedHostNetlink } from './route-netlink.js';
import {
  hostNetworksLockPath, listNetworkRecords, readNetworkRecord, removeNetworkRecord, saveNetworkRecord, type NetworkRecord, type NetworkSpec,
} from './network-record.js';

/** Host-wide choices; tests pass their own pool and table and keep ip_forward as it is. */
export interface NetworkOptions {
  pool?: AddressPool | undefined;
  natTable?: string | undefined;
  /** Turn on net.ipv4.ip_forward when off (default true). */
  hostForwarding?: boolean | undefined;
}

/** A created network and what the user should be told. */
export interface CreatedNetwork {
  record: NetworkRecord;
  warnings: BerthWarning[];
}

/** A network whose bridge exists, and the promise of its nftables rules (see createNetworkStaged). */
export interface StagedNetwork extends CreatedNetwork {
  rules: Promise<void>;
}

/** Creates network `spec` (or completes a half-made one of the same name), rules included. */
export async function createNetwork(roots: StateRoots, spec: NetworkSpec, options: NetworkOptions = {}): Promise<CreatedNetwork> {
  const { record, warnings, rules } = await createNetworkStaged(roots, spec, options);
  await rules;
  return { record, warnings };
}

/**
 * createNetwork in two stages: resolves once the bridge exists, while `nft` installs the NAT and
 * isolation rules in another process (`rules` settles then). Containers may be created and attached
 * meanwhile; none may start before `rules` settles, nor may the network be removed. All checks come first.
 * The subnet is settled, recorded and given to its bridge under the host's networks lock, so no two
 * berth processes pick the same: those of other state roots see it in the host routes once the bridge
 * has it. Rule changes take the lock too, since all networks share one nftables table.
 */
export async function createNetworkStaged(roots: StateRoots, spec: NetworkSpec, options: NetworkOptions = {}): Promise<StagedNetwork> {
  const record = await withHostNetworksLock(() => {
    const existing = readNetworkRecord(roots, spec.name);
    if (existing !== undefined) checkUnchanged(existing, spec);
    const settled = existing ?? settleNew(roots, spec, options);
    saveNetworkRecord(roots, settled);
    ensureBridge(sharedHostNetlink(), settled);
    return settled;
  });
  const warnings: BerthWarning[] = [];
  if (!record.internal) {
    enableBridgeForwarding(record.bridge);
    const warning = options.hostForwarding === false ? undefined : ensureHostForwarding();
    if (warning !== undefined) warnings.push(warning);
  }
  const table = options.natTable ?? NAT_TABLE;
  const rules = withHostNetworksLock(async () => {
    await addNetworkRules(record, table);
    if (record.subnet6 !== undefined) await addIsolation6(record, table);
  });
  return { record, warnings, rules };
}

/**
 * Removes the network of `record`: its bridge and every port on it, its rules, its records; idempotent.
 * nft removes the rules while the kernel deletes the bridge: both are waits, neither needs the other.
 */
export async function removeNetwork(roots: StateRoots, record: NetworkRecord, options: NetworkOptions = {}): Promise<void> {
  const bridge = removeBridge(sharedHostNetlink(), record.bridge);
  const rules = withHostNetworksLock(async () => {
    await removeNetworkRules(record.bridge, record.subnet, options.natTable ?? NAT_TABLE);
    if (record.subnet6 !== undefined) removeIsolation6(record.bridge, options.natTable ?? NAT_TABLE);
  });
  const failed = (await Promise.allSettled([bridge, rules])).find((r) => r.status === 'rejected');
  if (failed !== undefined) throw failed.reason;
  removeNetworkRecord(roots, record.name);
}

/** Removes every network recorded for `project`; returns their names. */
export async function removeProjectNetworks(roots: StateRoots, project: string, options: NetworkOptions = {}): Promise<string[]> {
  const records = listNetworkRecords(roots).filter((r) => r.project === project);
  for (const record of records) await removeNetwork(roots, record, options);
  return records.map((r) => r.name);
}

/** Runs `fn` holding the host's networks lock (queued behind this process's other holders). */
function withHostNetworksLock<T>(fn: () => Promise<T> | T): Promise<T> {
  return withQueuedLock(hostNetworksLockPath(), fn, { waitMs: 10_000 });
}

function settleNew(roots: StateRoots, spec: NetworkSpec, options: NetworkOptions): NetworkRecord {
  if (sharedHostNetlink().linkIndex(spec.bridge) !== undefined) {
    throw new BerthError('conflict', 'network.bridge-exists', `bridge ${spec.bridge} for network ${spec.name} already exists on the host`,
      { hint: 'choose another bridge name, or remove the leftover bridge with `ip link del`' });
  }
  const hostRoutes = sharedHostNetlink().listRouteDestinations().map(([network, prefix]) => ({ network, prefix }));
  const records = listNetworkRecords(roots);
  const networks = records.map((r) => ({ name: r.name, subnet: parseSubnet(r.subnet) }));
  const networks6 = records.flatMap((r) => (r.subnet6 === undefined ? [] : [{ name: r.name, subnet: parseSubnet6(r.subnet6) }]));
  return settleNetwork(spec, { hostRoutes, networks, networks6 }, options.pool ?? DEFAULT_POOL);
}

/** A network is made once: a spec that differs from its record needs the network removed first. */
function checkUnchanged(record: NetworkRecord, spec: NetworkSpec): void {
  const differs = (['bridge', 'internal', 'subnet', 'gateway', 'ipRange', 'mtu', 'project', 'subnet6', 'gateway6'] as const)
    .filter((key) => spec[key] !== undefined && spec[key] !== record[key]);
  if (differs.length > 0) {
    throw new BerthError('conflict', 'network.config-changed', `network ${spec.name} exists with a different ${differs.join(', ')}`,
      { hint: 'remove the project\'s networks first (berth down), then create it again' });
  }
}
