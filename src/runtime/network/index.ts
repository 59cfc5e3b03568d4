/**
 * The network runtime's public surface: namespaces, networks (bridge, IPAM, NAT, isolation),
 * attachments (IPv4, and IPv6 where configured), the network a container shares (`container:`), DNS,
 * hosts/resolv.conf files, published ports and teardown. Plain data in and out; no Compose types.
 */
export { createNetns, deleteNetns, isNetnsMounted, listNetns, netnsPath } from './netns.js';
export { createNetwork, createNetworkStaged, removeNetwork, removeProjectNetworks } from './networks.js';
export { bridgeDriver, type NetworkDriver } from './network-driver.js';
export type { CreatedNetwork, NetworkOptions } from './networks.js';
export type { NetworkRecord, NetworkSpec } from './network-record.js';
export { listNetworkRecords, readNetworkRecord, requireNetworkRecord } from './network-record.js';
export { DEFAULT_POOL, type AddressPool } from './address-pool.js';
export { allocateAddress, releaseAddresses } from './ipam.js';
export { allocateAddress6 } from './ipam6.js';
export { containerNetnsPath, containerNetwork, type JoinedNetwork } from './container-netns.js';
export { attach, attachAsync, detach, hostIfnameOf } from './attachment.js';
export type { Attachment, AttachmentSpec } from './attachment.js';
export { DnsRecords } from './dns-records.js';
export { startDnsServer, type DnsServer, type DnsServerOptions } from './dns-server.js';
export { startNetworkDns, type NetworkDns, type NetworkDnsOptions } from './network-dns.js';
export { hostUpstreams, upstreamsOf, type Upstream } from './dns-forwarder.js';
export { nameserversOf, renderResolvConf, writeResolvConf, type ResolvConf } from './resolv-conf.js';
export { renderHosts, writeHosts, type ExtraHost, type HostsFile } from './hosts-file.js';
export { expandPortRange, type PortMapping, type PortRange } from './port-mapping.js';
export { checkPortsFree } from './port-check.js';
export { startPortProxy, type PortProxy } from './port-proxy.js';
export { listTable, NAT_TABLE } from './nat.js';
export { teardownProjectNetworking, type Closable, type ProjectTeardown, type TeardownResult } from './project-teardown.js';
