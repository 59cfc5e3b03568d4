/**
 * A container's /etc/resolv.conf: the network's DNS server (the gateway) unless `dns` names servers,
 * `dns_search` and `dns_opt` as given. Also reads the host's nameservers for the forwarder.
 */
import { writeFileSync } from 'node:fs';

/** What goes into a container's resolv.conf. */
export interface ResolvConf {
  nameservers: string[];
  search: string[];
  options: string[];
}

/** The file text of `conf`. */
export function renderResolvConf(conf: ResolvConf): string {
  const lines = conf.nameservers.map((ns) => `nameserver ${ns}`);
  if (conf.search.length > 0) lines.push(`search ${conf.search.join(' ')}`);
  if (conf.options.length > 0) lines.push(`options ${conf.options.join(' ')}`);
  return lines.join('\n') + '\n';
}

/** Writes `conf` to `path` (a file in the container's state directory, bind-mounted by the runtime). */
export function writeResolvConf(path: string, conf: ResolvConf): void {
  writeFileSync(path, renderResolvConf(conf), { mode: 0o644 });
}

/** The `nameserver` addresses of a resolv.conf text, in order. */
export function nameserversOf(text: string): string[] {
  return text.split('\n').map((l) => l.trim().split(/\s+/)).filter((w) => w[0] === 'nameserver' && w[1] !== undefined).map((w) => w[1]!);
}
