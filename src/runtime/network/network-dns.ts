/**
 * A network's DNS service as containers see it: always at gateway:53. It listens there when it can;
 * when port 53 is taken (EADDRINUSE: a host resolver on 0.0.0.0:53, or anything on gateway:53), it
 * listens on a free port of the gateway and redirects gateway:53 to it in berth's nftables table
 * (dns-redirect.ts). close() stops the listeners and removes the redirect.
 */
import { BerthError } from '../../errors/index.js';
import { addDnsRedirect, removeDnsRedirect } from './dns-redirect.js';
import type { Upstream } from './dns-forwarder.js';
import type { DnsRecords } from './dns-records.js';
import { startDnsServer, type DnsServer } from './dns-server.js';
import { NAT_TABLE } from './nat.js';
import type { NetworkRecord } from './network-record.js';

/** What the network's DNS answers and where it forwards. */
export interface NetworkDnsOptions {
  records: DnsRecords;
  upstreams: Upstream[];
  timeoutMs?: number | undefined;
  natTable?: string | undefined;
}

/** A running network DNS service; `redirected` when it listens on `port` behind a DNAT from port 53. */
export interface NetworkDns extends DnsServer {
  redirected: boolean;
}

/** Starts `network`'s DNS service on gateway:53, directly or through a redirect. */
export async function startNetworkDns(network: NetworkRecord, options: NetworkDnsOptions): Promise<NetworkDns> {
  const base = { host: network.gateway, records: options.records, upstreams: options.upstreams, timeoutMs: options.timeoutMs };
  try {
    return { ...(await startDnsServer({ ...base, port: 53 })), redirected: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw listenError(network, error);
  }
  const server = await startDnsServer({ ...base, port: 0 }).catch((error: unknown) => { throw listenError(network, error); });
  const table = options.natTable ?? NAT_TABLE;
  try {
    addDnsRedirect(network.bridge, network.gateway, server.port, table);
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    ...server,
    redirected: true,
    close: async () => {
      removeDnsRedirect(network.bridge, table);
      await server.close();
    },
  };
}

function listenError(network: NetworkRecord, error: unknown): BerthError {
  return new BerthError('system', 'network.dns-listen-failed',
    `the DNS server of network ${network.name} cannot listen on ${network.gateway}: ${(error as Error).message}`,
    { hint: 'check that the network\'s bridge exists and holds its gateway address (berth up creates both)', cause: error });
}
