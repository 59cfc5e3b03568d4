/**
 * Real berth containers on berth networks for the network integration tests: the runtime's busybox
 * harness (ids and cgroups prefixed `nw`), a namespace file per container made and attached by the
 * network code, and /etc/hosts and /etc/resolv.conf from the network's writers passed in the
 * ContainerConfig, as the apply layer will do. Removal undoes every step, so a test can recreate.
 */
import { connect } from 'node:net';
import { deleteContainer, runContainer } from '../../container/index.js';
import type { ContainerConfig } from '../../container/index.js';
import type { Harness } from '../../container/test-support/runtime-harness.js';
import {
  allocateAddress, allocateAddress6, attach, createNetns, deleteNetns, detach, releaseAddresses, renderHosts, renderResolvConf,
  type NetworkRecord,
} from '../index.js';
import type { DnsRecords } from '../dns-records.js';

/** A container attached to one network as eth0. */
export interface NetContainer {
  id: string;
  /** The Compose-style container name: its DNS owner and first name. */
  name: string;
  netns: string;
  address: string;
  address6: string | undefined;
}

/** What to start: the command, its Compose names, and static addresses if any. */
export interface NetContainerSpec {
  name: string;
  service: string;
  aliases?: string[] | undefined;
  args: string[];
  ipv4?: string | undefined;
  ipv6?: string | undefined;
}

/** The network files of a container on `net`: the DNS server at the gateway, its own names. */
export function networkFiles(net: NetworkRecord, address: string, names: string[]): Pick<ContainerConfig, 'hosts' | 'resolvConf'> {
  return {
    hosts: renderHosts({ address, names, extraHosts: [{ name: 'host.docker.internal', address: 'host-gateway' }], hostGateway: net.gateway }),
    resolvConf: renderResolvConf({ nameservers: [net.gateway], search: [], options: [] }),
  };
}

/** Makes a namespace on `net` for a new container, registers its names, starts it detached. */
export async function startOnNetwork(h: Harness, net: NetworkRecord, records: DnsRecords, spec: NetContainerSpec): Promise<NetContainer> {
  const config = h.config(spec.args);
  const roots = h.ctx.roots;
  const netns = createNetns(roots, config.id);
  const address = allocateAddress(roots, net, config.id, spec.ipv4);
  const address6 = net.subnet6 === undefined ? undefined : allocateAddress6(roots, net, config.id, spec.ipv6);
  attach({ netnsPath: netns, ifname: 'eth0', network: net, address, address6, isDefaultRoute: true });
  const names = [spec.name, spec.service, ...(spec.aliases ?? [])];
  records.register(spec.name, names, address, address6);
  const files = networkFiles(net, address, [config.id, ...names]);
  await runContainer(h.ctx, { ...config, hostname: config.id, network: { mode: 'join', path: netns }, ...files },
    { stdio: 'ignore', foreground: false, remove: false });
  return { id: config.id, name: spec.name, netns, address, address6 };
}

/** Stops and removes `c`: container, DNS entry (unless already replaced), veth pair, addresses, namespace. */
export async function removeFromNetwork(h: Harness, net: NetworkRecord, records: DnsRecords, c: NetContainer, unregister = true): Promise<void> {
  await deleteContainer(h.ctx, c.id, { force: true });
  if (unregister) records.unregister(c.name);
  detach(c.netns, 'eth0');
  releaseAddresses(h.ctx.roots, net, c.id);
  deleteNetns(c.netns);
}

/** Runs `args` to completion in a new container sharing namespace file `netns`; its stdout and stderr. */
export async function runIn(h: Harness, net: NetworkRecord, netns: string, address: string, args: string[]): Promise<string> {
  const config = h.config(args);
  const run = await h.runToEnd({ ...config, network: { mode: 'join', path: netns }, ...networkFiles(net, address, [config.id]) });
  return run.stdout + run.stderr;
}

/** A web page served by busybox httpd: the container's hostname (its id). */
export const HTTPD = ['sh', '-c', 'mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 80 -h /www'];

/** The body of `GET /` from host:port over plain TCP (HTTP/1.0). */
export function httpGet(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    const conn = connect(port, host, () => conn.write('GET / HTTP/1.0\r\n\r\n'));
    conn.setTimeout(3000, () => conn.destroy(new Error('timeout')));
    conn.on('data', (d: Buffer) => (body += d.toString()));
    conn.on('error', reject);
    conn.on('end', () => resolve(body));
  });
}
