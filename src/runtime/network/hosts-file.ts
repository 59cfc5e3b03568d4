/**
 * A container's /etc/hosts: loopback lines, the container's own address with its names (hostname,
 * container name, service, aliases), then `extra_hosts`, where the address `host-gateway` stands for
 * the address of the host as seen from the container (its network's gateway).
 */
import { writeFileSync } from 'node:fs';
import { BerthError } from '../../errors/index.js';

/** One `extra_hosts` entry. */
export interface ExtraHost {
  name: string;
  /** An address, or `host-gateway`. */
  address: string;
}

/** What goes into a container's hosts file. */
export interface HostsFile {
  /** The container's own address on its first network, if any. */
  address?: string | undefined;
  names: string[];
  extraHosts: ExtraHost[];
  /** The address `host-gateway` resolves to. */
  hostGateway?: string | undefined;
}

/** The file text of `hosts`. */
export function renderHosts(hosts: HostsFile): string {
  const lines = ['127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback'];
  if (hosts.address !== undefined && hosts.names.length > 0) lines.push(`${hosts.address}\t${[...new Set(hosts.names)].join(' ')}`);
  for (const extra of hosts.extraHosts) lines.push(`${resolveExtra(extra, hosts.hostGateway)}\t${extra.name}`);
  return lines.join('\n') + '\n';
}

/** Writes `hosts` to `path` (a file in the container's state directory, bind-mounted by the runtime). */
export function writeHosts(path: string, hosts: HostsFile): void {
  writeFileSync(path, renderHosts(hosts), { mode: 0o644 });
}

function resolveExtra(extra: ExtraHost, hostGateway: string | undefined): string {
  if (extra.address !== 'host-gateway') return extra.address;
  if (hostGateway === undefined) {
    throw new BerthError('invalid', 'network.no-host-gateway', `extra host ${extra.name} uses host-gateway but the container has no network`,
      { hint: 'attach the service to a network, or give an address instead of host-gateway' });
  }
  return hostGateway;
}
