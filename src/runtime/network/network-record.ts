/**
 * What berth remembers of a network, in `<BERTH_RUN>/networks/<name>/network.json`: written atomically
 * by createNetwork before any kernel object exists, read by IPAM (other networks' subnets), by attach
 * and by teardown after a crash; removed last on teardown.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BerthError } from '../../errors/index.js';
import { statePath, type StateRoots } from '../state-roots.js';
import { writeJsonAtomic } from '../state/atomic-file.js';
import { ensureSpreadDir } from '../state/spread-dir.js';

/** A network as the caller declares it; subnet and gateway are chosen when absent. */
export interface NetworkSpec {
  /** Unique name, e.g. `myapp_default`. */
  name: string;
  /** The project owning it (teardown and isolation are per project). */
  project: string;
  /** Host bridge name: starts with `berth`, at most 15 bytes. */
  bridge: string;
  subnet?: string | undefined;
  gateway?: string | undefined;
  /** Addresses for containers come from this sub-range of the subnet. */
  ipRange?: string | undefined;
  mtu?: number | undefined;
  /** IPv6 (`enable_ipv6` with an ipam IPv6 subnet): the subnet, and its gateway (default: first address). */
  subnet6?: string | undefined;
  gateway6?: string | undefined;
  /** No route out of the host, no masquerading. */
  internal: boolean;
}

/** A created network: the spec with subnet and gateway settled (IPv6 ones too when it has IPv6). */
export interface NetworkRecord extends NetworkSpec {
  subnet: string;
  gateway: string;
}

/** The directory of network `name`'s address allocations of one family (one file per address). */
export function addressesDir(roots: StateRoots, name: string, family: 4 | 6): string {
  return join(networkDir(roots, name), family === 4 ? 'addresses' : 'addresses6');
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** The directory of network `name`'s records. */
export function networkDir(roots: StateRoots, name: string): string {
  if (!NAME.test(name)) {
    throw new BerthError('invalid', 'network.invalid-name', `network name "${name}" is not valid`, {
      hint: 'use letters, digits, ".", "_" and "-", starting with a letter or digit',
    });
  }
  return statePath(roots, 'run', 'networks', name);
}

/** Writes a network's record atomically. */
export function saveNetworkRecord(roots: StateRoots, record: NetworkRecord): void {
  const dir = networkDir(roots, record.name);
  ensureSpreadDir(dirname(dir));
  mkdirSync(join(dir, 'addresses'), { recursive: true });
  writeJsonAtomic(join(dir, 'network.json'), record, { durable: false });
}

/**
 * The lock serialising subnet choice among all berth processes on the host, whatever their state roots:
 * subnets meet machine-wide (in host routes), so two installs must not settle one at the same time.
 */
export function hostNetworksLockPath(): string {
  mkdirSync('/run/lock', { recursive: true });
  return '/run/lock/berth-networks.lock';
}

/** The record of network `name`, or undefined when there is none. */
export function readNetworkRecord(roots: StateRoots, name: string): NetworkRecord | undefined {
  try {
    return JSON.parse(readFileSync(join(networkDir(roots, name), 'network.json'), 'utf8')) as NetworkRecord;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The record of network `name`; a clear not-found error when there is none. */
export function requireNetworkRecord(roots: StateRoots, name: string): NetworkRecord {
  const record = readNetworkRecord(roots, name);
  if (record === undefined) {
    throw new BerthError('not-found', 'network.not-found', `network ${name} does not exist`, {
      hint: 'declare it under `networks:` in the compose file, or create it before attaching containers to it',
    });
  }
  return record;
}

/** Every network record under BERTH_RUN. */
export function listNetworkRecords(roots: StateRoots): NetworkRecord[] {
  let names: string[];
  try {
    names = readdirSync(statePath(roots, 'run', 'networks'));
  } catch {
    return [];
  }
  return names.filter((name) => !name.startsWith('.')).flatMap((name) => readNetworkRecord(roots, name) ?? []);
}

/** Removes network `name`'s records, address allocations included. */
export function removeNetworkRecord(roots: StateRoots, name: string): void {
  rmSync(networkDir(roots, name), { recursive: true, force: true });
}
