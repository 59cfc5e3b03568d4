/**
 * The network of RUN steps by default: a namespace of their own on berth's build bridge, with an
 * address, a default route and outbound NAT from src/runtime/network (what users expect of `RUN apt-get
 * install`). The build network lives only while builds use it: the first build to need it creates it,
 * the last one to end removes it (bridge, NAT rules, record). Its users are the live build leases that
 * joined it, counted under one lock; stale leases of crashed builds are swept on the way, so a later
 * build removes what a crashed one left. Each step's namespace, veth pair and address go when the step ends.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BerthError } from '../../errors/index.js';
import type { NetworkSpec } from '../container/container-config.js';
import { attach, detach } from '../network/attachment.js';
import { allocateAddress, releaseAddresses } from '../network/ipam.js';
import { createNetwork, removeNetwork, type NetworkOptions } from '../network/networks.js';
import { createNetns, deleteNetns, netnsPath } from '../network/netns.js';
import { readNetworkRecord, type NetworkRecord } from '../network/network-record.js';
import { deleteContainer } from '../container/delete.js';
import type { RuntimeContext } from '../container/runtime-context.js';
import { withQueuedLock } from '../state/atomic-file.js';
import { statePath, type StateRoots } from '../state-roots.js';
import { buildNetworkName, listLeases, type BuildLease, type FoundLease } from './build-lease.js';

/** Where the build network lives; tests give their own bridge, subnet and NAT table. */
export interface BuildNetworkOptions extends NetworkOptions {
  /** Network name (default `berth_build`). */
  name?: string | undefined;
  /** Host bridge (default `berth-build`). */
  bridge?: string | undefined;
  subnet?: string | undefined;
}

/** A step's attached namespace and how to release it. */
export interface StepNetwork {
  network: NetworkSpec;
  release: () => void;
}

/** Joins `lease` to the build network, creating the network when it is the first user (once per build, before its first RUN on it). */
export async function acquireBuildNetwork(ctx: RuntimeContext, lease: BuildLease, options: BuildNetworkOptions = {}): Promise<NetworkRecord> {
  return withQueuedLock(lockPath(ctx.roots, options), async () => {
    await sweepStale(ctx, options);
    lease.join(buildNetworkName(options.name));
    return ensureBuildNetwork(ctx.roots, options);
  });
}

/** Ends `lease`; removes the build network when no live build uses it any more. */
export async function releaseBuildNetwork(ctx: RuntimeContext, lease: BuildLease, options: BuildNetworkOptions = {}): Promise<void> {
  await withQueuedLock(lockPath(ctx.roots, options), async () => {
    lease.end();
    await sweepStale(ctx, options);
  });
}

/** Sweeps what crashed builds left: their stale leases' steps, and the build network when no live build uses it. */
export async function sweepBuildNetwork(ctx: RuntimeContext, options: BuildNetworkOptions = {}): Promise<void> {
  await withQueuedLock(lockPath(ctx.roots, options), () => sweepStale(ctx, options));
}

function lockPath(roots: StateRoots, options: BuildNetworkOptions): string {
  return statePath(roots, 'run', 'locks', `build-network-${buildNetworkName(options.name)}.lock`);
}

/** Under the lock: deletes stale leases (freeing their addresses), then the network if no live lease joined it. */
async function sweepStale(ctx: RuntimeContext, options: BuildNetworkOptions): Promise<void> {
  const name = buildNetworkName(options.name);
  const record = readNetworkRecord(ctx.roots, name);
  const leases = listLeases(ctx.roots);
  for (const lease of leases.filter((l) => !l.live)) {
    const steps = await sweepLease(ctx, lease);
    if (record !== undefined) for (const id of steps) releaseAddresses(ctx.roots, record, id);
  }
  if (record !== undefined && !leases.some((l) => l.live && l.owner?.network === name)) await removeNetwork(ctx.roots, record, options);
}

/** Deletes what the stale `lease` left (its steps' containers and namespaces), then the lease; returns the step ids. */
async function sweepLease(ctx: RuntimeContext, lease: FoundLease): Promise<string[]> {
  let steps: string[] = [];
  try {
    steps = readdirSync(join(lease.dir, 'steps'));
  } catch {
    // a lease without steps left nothing to delete
  }
  for (const id of steps) {
    await deleteContainer(ctx, id, { force: true });
    deleteNetns(netnsPath(ctx.roots, id));
  }
  rmSync(lease.dir, { recursive: true, force: true });
  return steps;
}

async function ensureBuildNetwork(roots: StateRoots, options: BuildNetworkOptions): Promise<NetworkRecord> {
  const spec = { name: buildNetworkName(options.name), project: 'berth-build', bridge: options.bridge ?? 'berth-build', subnet: options.subnet, internal: false };
  const created = await createNetwork(roots, spec, options).catch((error: unknown) => {
    throw new BerthError('system', 'build.network-failed', `the build network ${spec.name} cannot be set up: ${(error as Error).message}`, {
      hint: 'run the build with network: none (or host), or fix the network setup (scripts/install-system-deps.sh installs nftables)', cause: error,
    });
  });
  return created.record;
}

/** Creates `id`'s namespace on the build network `record`, with an address and a default route. */
export function attachBuildNetwork(roots: StateRoots, id: string, record: NetworkRecord): StepNetwork {
  const path = createNetns(roots, id);
  const release = (): void => {
    detach(path, 'eth0');
    releaseAddresses(roots, record, id);
    deleteNetns(path);
  };
  try {
    attach({ netnsPath: path, ifname: 'eth0', network: record, address: allocateAddress(roots, record, id), isDefaultRoute: true });
  } catch (error) {
    release();
    throw error;
  }
  return { network: { mode: 'join', path }, release };
}
