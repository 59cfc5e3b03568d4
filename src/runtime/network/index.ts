/**
 * The network runtime's public surface: namespaces, networks (bridge, IPAM, NAT, isolation),
 * attachments (IPv4, and IPv6 where configured), the network a container shares (`container:`),
 * hosts/resolv.conf files, port checks and teardown. Plain data in and out; no Compose types. The DNS
 * server and port proxies are not here: only the supervisor runs them, and it imports their modules
 * directly, so that the commands loading this surface do not load (and run) them too.
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
export { nameserversOf, renderResolvConf, writeResolvConf, type ResolvConf } from './resolv-conf.js';
export { renderHosts, writeHosts, type ExtraHost, type HostsFile } from './hosts-file.js';
export { expandPortRange, type PortMapping, type PortRange } from './port-mapping.js';
export { checkPortsFree } from './port-check.js';
export { listTable, NAT_TABLE } from './nat.js';
export { teardownProjectNetworking, type Closable, type ProjectTeardown, type TeardownResult } from './project-teardown.js';
