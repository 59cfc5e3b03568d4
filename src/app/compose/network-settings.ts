/**
 * A project network's settings as the network layer takes them, and the check that an existing network
 * still has them. Networks are made once: when the compose file now asks for another subnet, gateway,
 * range or `internal`, `up` refuses before it changes anything and names each difference. (Docker
 * Compose recreates such a network with its containers; berth leaves that to `down`, and says so.)
 */
import { BerthError } from '../../errors/index.js';
import { readNetworkRecord } from '../../runtime/network/index.js';
import type { StateRoots } from '../../runtime/state-roots.js';
import type { Network, Project } from '../../spec/model.js';

/** What the compose file sets of a network (ipam: its first config). */
export interface NetworkSettings {
  internal: boolean;
  subnet: string | undefined;
  gateway: string | undefined;
  ipRange: string | undefined;
}

/** The settings of `network`. */
export function networkSettings(network: Network): NetworkSettings {
  const ipam = network.ipam?.config?.[0];
  return { internal: network.internal === true, subnet: ipam?.subnet, gateway: ipam?.gateway, ipRange: ipam?.ip_range };
}

/** Throws network.config-changed when a project network exists with settings other than the file's. */
export function checkNetworksUnchanged(roots: StateRoots, project: Project): void {
  for (const [key, network] of Object.entries(project.networks)) {
    if (network.external === true) continue;
    const record = readNetworkRecord(roots, network.name);
    if (record === undefined) continue;
    const wanted = networkSettings(network);
    const changed = (['internal', 'subnet', 'gateway', 'ipRange'] as const)
      .filter((field) => wanted[field] !== undefined && wanted[field] !== record[field])
      .map((field) => `${field} ${String(record[field] ?? 'unset')} → ${String(wanted[field])}`);
    if (changed.length > 0) {
      throw new BerthError('conflict', 'network.config-changed', `network ${network.name} (networks.${key}) exists with other settings than the compose file's: ${changed.join(', ')}`, {
        hint: 'run `berth down` first: the network is made again, with the new settings, by the next `berth up`',
      });
    }
  }
}
