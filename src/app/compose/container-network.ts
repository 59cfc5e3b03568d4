/**
 * A Compose container's network, made before the container and removed after it: a namespace file
 * (`<project>.<id16>` under BERTH_RUN/netns, so down finds every one by the project prefix), one veth per
 * project network in declaration order with the address IPAM reserved for the container id, and the
 * /etc/hosts and /etc/resolv.conf texts (the first network's gateway is the DNS server the supervisor
 * hosts). What was attached is recorded in the container's attachments file for the supervisor's DNS.
 */
import { BerthError } from '../../errors/index.js';
import type { NetworkSpec } from '../../runtime/container/index.js';
import {
  allocateAddress, attachAsync, containerNetwork, createNetns, deleteNetns, listNetworkRecords, netnsPath, readNetworkRecord,
  releaseAddresses, renderHosts, renderResolvConf, type NetworkRecord,
} from '../../runtime/network/index.js';
import type { StateRoots } from '../../runtime/state-roots.js';
import type { Project, Service } from '../../spec/model.js';
import type { ContainerAttachment } from './attachments.js';

/** What a container gets from its network setup. */
export interface ContainerNetworking {
  network: NetworkSpec;
  hosts: string | undefined;
  resolvConf: string | undefined;
  attachments: ContainerAttachment[];
}

/** Who the container is, for names and addresses. */
export interface NetworkSubject {
  project: Project;
  service: Service;
  id: string;
  name: string;
  /** Resolves `service:<name>` network modes to that service's first container id. */
  containerOf: (service: string) => string | undefined;
  /** Whether the networks' DNS answers with the service name and aliases too (not for a `run` one-off without --use-aliases). */
  serviceAliases?: boolean;
}

/** The namespace id of a project's container. */
export function netnsIdOf(projectName: string, containerId: string): string {
  return `${projectName}.${containerId.slice(0, 16)}`;
}

/** Makes the container's namespace and attachments; undoes them when a step fails. */
export async function setupContainerNetwork(roots: StateRoots, subject: NetworkSubject): Promise<ContainerNetworking> {
  const shared = sharedNetwork(roots, subject);
  if (shared !== undefined) return { network: shared, hosts: undefined, resolvConf: undefined, attachments: [] };
  const path = createNetns(roots, netnsIdOf(subject.project.name, subject.id));
  try {
    const attachments = await attachAll(roots, subject, path);
    const first = attachments[0];
    const names = [subject.service.hostname ?? subject.id.slice(0, 12), subject.name, subject.service.name];
    const hosts = renderHosts({ address: first?.address, names, extraHosts: extraHosts(subject.service), hostGateway: first?.gateway });
    const nameservers = subject.service.dns ?? (first === undefined ? [] : [first.gateway]);
    const resolvConf = nameservers.length === 0 ? undefined : renderResolvConf({ nameservers, search: subject.service.dns_search ?? [], options: subject.service.dns_opt ?? [] });
    return { network: { mode: 'join', path }, hosts, resolvConf, attachments };
  } catch (error) {
    teardownContainerNetwork(roots, subject.project.name, subject.id);
    throw error;
  }
}

/** Removes the container's namespace (and with it its veths) and frees its addresses; idempotent. */
export function teardownContainerNetwork(roots: StateRoots, projectName: string, id: string): void {
  deleteNetns(netnsPath(roots, netnsIdOf(projectName, id)));
  for (const record of listNetworkRecords(roots)) if (record.project === projectName) releaseAddresses(roots, record, id);
}

function sharedNetwork(roots: StateRoots, subject: NetworkSubject): NetworkSpec | undefined {
  const mode = subject.service.network_mode;
  if (mode === undefined || mode === 'bridge') return undefined;
  if (mode === 'host') return { mode: 'host' };
  if (mode === 'none') return { mode: 'join', path: createNetns(roots, netnsIdOf(subject.project.name, subject.id)) };
  const [kind, target = ''] = mode.split(/:(.*)/s);
  const id = kind === 'service' ? subject.containerOf(target) : kind === 'container' ? target : undefined;
  if (id === undefined) {
    throw new BerthError('invalid', 'service.network-mode', `service ${subject.service.name}: network_mode ${mode} names no container`, {
      hint: 'use none, host, service:<name> (a service of the project) or container:<id>',
    });
  }
  return containerNetwork(roots, id);
}

/** The attachments, one network after another (interface names and the default route follow their order). */
async function attachAll(roots: StateRoots, subject: NetworkSubject, netnsPath: string): Promise<ContainerAttachment[]> {
  const out: ContainerAttachment[] = [];
  for (const [key, settings] of Object.entries(subject.service.networks ?? {})) {
    const record = networkRecordOf(roots, subject.project, key);
    const address = allocateAddress(roots, record, subject.id, settings?.ipv4_address);
    const ifname = `eth${out.length}`;
    await attachAsync({ netnsPath, ifname, network: record, address, mac: settings?.mac_address, isDefaultRoute: out.length === 0 });
    const names = subject.serviceAliases === false ? [subject.name] : [subject.name, subject.service.name, ...(settings?.aliases ?? [])];
    out.push({ network: record.name, ifname, address, gateway: record.gateway, names });
  }
  return out;
}

function networkRecordOf(roots: StateRoots, project: Project, key: string): NetworkRecord {
  const name = project.networks[key]?.name ?? key;
  const record = readNetworkRecord(roots, name);
  if (record === undefined) {
    throw new BerthError('not-found', 'network.not-found', `network ${name} (networks.${key}) does not exist`, { hint: 'run `berth up` to create the project\'s networks' });
  }
  return record;
}

function extraHosts(service: Service): { name: string; address: string }[] {
  return Object.entries(service.extra_hosts ?? {}).map(([name, address]) => ({ name, address }));
}
