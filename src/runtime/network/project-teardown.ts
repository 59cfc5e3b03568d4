/**
 * Removing everything a project's networking made, in an order that never strands an object: first the
 * in-process listeners (DNS servers, port proxies), then the containers' namespace files (which takes
 * the veth pairs with them), then the networks (bridges with any leftover ports, NAT and isolation
 * rules, records and address allocations). Every step is idempotent, so it also cleans up after a crash.
 */
import type { StateRoots } from '../state-roots.js';
import { deleteNetns, listNetns } from './netns.js';
import { removeProjectNetworks, type NetworkOptions } from './networks.js';

/** Something that listens and can be closed (a DnsServer, a PortProxy). */
export interface Closable {
  close(): Promise<void>;
}

/** What to tear down. */
export interface ProjectTeardown {
  project: string;
  /** Namespace files of the project's containers, by id prefix under BERTH_RUN/netns (e.g. `myapp-`). */
  netnsPrefix?: string | undefined;
  listeners?: Closable[] | undefined;
  options?: NetworkOptions | undefined;
}

/** What was removed. */
export interface TeardownResult {
  networks: string[];
  netns: string[];
}

/** Tears down `project`'s networking; safe to run again or on half-made state. */
export async function teardownProjectNetworking(roots: StateRoots, what: ProjectTeardown): Promise<TeardownResult> {
  await Promise.allSettled((what.listeners ?? []).map((l) => l.close()));
  const netns = what.netnsPrefix === undefined ? [] : listNetns(roots, what.netnsPrefix);
  for (const path of netns) deleteNetns(path);
  const networks = await removeProjectNetworks(roots, what.project, what.options);
  return { networks, netns };
}
