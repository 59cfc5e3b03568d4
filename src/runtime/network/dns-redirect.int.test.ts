/**
 * The port-53 clash on the real kernel: with a listener of the test's own holding the gateway's port 53
 * (UDP and TCP; a host resolver on 0.0.0.0:53 fails the bind the same way, with EADDRINUSE), the
 * network's DNS service listens on another port and berth's nftables table redirects gateway:53 to it,
 * so a real container still resolves names through /etc/resolv.conf; closing removes the redirect, and
 * so does removing the network after a crash.
 * Any other listen failure is a clear error.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../container/test-support/runtime-harness.js';
import {
  createNetwork, listTable, removeNetwork, teardownProjectNetworking, type NetworkRecord,
} from './index.js';
import { DnsRecords } from './dns-records.js';
import { startNetworkDns, type NetworkDns } from './network-dns.js';
import { addDnsRedirect } from './dns-redirect.js';
import { runIn, startOnNetwork, type NetContainer } from './test-support/container-fixture.js';
import { runAsync, skipReason, SUFFIX } from './test-support/net-fixture.js';

const reason = skipReason();
const TABLE = `berth-test-r${SUFFIX}`;
const options = { natTable: TABLE, hostForwarding: false };

describe.skipIf(reason !== undefined)(`DNS when port 53 is taken ${reason ? `(skipped: ${reason})` : ''}`, () => {
  let h: Harness | undefined;
  let net: NetworkRecord;
  let dns: NetworkDns | undefined;
  let udp: UdpSocket | undefined;
  let tcp: Server | undefined;
  let app: NetContainer;
  const records = new DnsRecords();

  beforeAll(async () => {
    h = makeHarness('dnat', 'nw');
    net = (await createNetwork(h.ctx.roots, { name: 'nwdnat_default', project: 'nwdnat', bridge: `berthnr${SUFFIX}`, subnet: '10.231.72.0/24', internal: false }, options)).record;
    udp = createSocket('udp4');
    await new Promise<void>((resolve) => udp!.bind(53, net.gateway, () => resolve()));
    tcp = createServer();
    await new Promise<void>((resolve) => tcp!.listen(53, net.gateway, () => resolve()));
    app = await startOnNetwork(h, net, records, { name: 'nwdnat-app-1', service: 'app', aliases: ['api'], args: ['sleep', '600'] });
  });

  afterAll(async () => {
    udp?.close();
    tcp?.close();
    const roots = h?.ctx.roots;
    try {
      if (roots !== undefined) await teardownProjectNetworking(roots, { project: 'nwdnat', netnsPrefix: 'nw-dnat-', listeners: dns ? [dns] : [], options });
    } finally {
      await h?.cleanup();
    }
  });

  it('listens on another port behind a redirect from gateway:53', async () => {
    dns = await startNetworkDns(net, { records, upstreams: [], natTable: TABLE });
    expect(dns.redirected).toBe(true);
    expect(dns.port).not.toBe(53);
    const table = listTable(TABLE) ?? '';
    expect(table).toContain(`chain dns-${net.bridge} {`);
    expect(table).toContain(`ip daddr ${net.gateway} udp dport 53 dnat to ${net.gateway}:${dns.port}`);
    expect(table).toContain(`ip daddr ${net.gateway} tcp dport 53 dnat to ${net.gateway}:${dns.port}`);
  });

  it('still answers a real container asking gateway:53 from its resolv.conf, and TCP from its namespace', async () => {
    const answer = await runIn(h!, net, app.netns, app.address, ['nslookup', 'api']);
    expect(answer).toContain(`Server:\t\t${net.gateway}`);
    expect(answer).toContain(`Address: ${app.address}`);
    const overTcp = await runAsync('nsenter', [`--net=${app.netns}`, process.execPath, '--input-type=module', '-e', tcpQuery(net.gateway, 'api')]);
    expect(overTcp.out.trim()).toBe(JSON.stringify([app.address]));
  });

  it('removes the redirect when closed, and keeps the network\'s other rules', async () => {
    await dns!.close();
    dns = undefined;
    const table = listTable(TABLE) ?? '';
    expect(table).not.toContain(`dns-${net.bridge}`);
    expect(table).toContain(`net-${net.bridge}`);
  });

  it('removes a redirect a crash left behind with the network\'s rules, other networks kept', async () => {
    const roots = h!.ctx.roots;
    const other = (await createNetwork(roots, { name: 'nwdnat_other', project: 'nwdnat', bridge: `berthnR${SUFFIX}`, subnet: '10.231.74.0/24', internal: false }, options)).record;
    addDnsRedirect(net.bridge, net.gateway, 5353, TABLE);
    await removeNetwork(roots, net, options);
    const table = listTable(TABLE) ?? '';
    expect(table).not.toContain(`dns-${net.bridge}`);
    expect(table).toContain(`net-${other.bridge}`);
    await removeNetwork(roots, other, options);
    expect(listTable(TABLE)).toBeUndefined();
  });

  it('reports other listen failures clearly', async () => {
    const elsewhere = { ...net, name: 'nwdnat_ghost', gateway: '10.231.72.254' };
    await expect(startNetworkDns(elsewhere, { records, upstreams: [], natTable: TABLE })).rejects.toMatchObject({
      code: 'network.dns-listen-failed',
      message: expect.stringContaining('network nwdnat_ghost cannot listen on 10.231.72.254'),
    });
  });
});

/** A node script asking `server`:53 over TCP for the A records of `name`, printing them as JSON. */
function tcpQuery(server: string, name: string): string {
  return `
import dnsPacket from 'dns-packet';
import { connect } from 'node:net';
let got = Buffer.alloc(0);
const conn = connect(53, '${server}', () => conn.write(dnsPacket.streamEncode({ type: 'query', id: 3, questions: [{ type: 'A', name: '${name}' }] })));
conn.setTimeout(3000, () => { console.log('timeout'); conn.destroy(); });
conn.on('data', (d) => {
  got = Buffer.concat([got, d]);
  if (got.length >= 2 && got.length >= 2 + got.readUInt16BE(0)) { console.log(JSON.stringify(dnsPacket.streamDecode(got).answers.map((a) => a.data))); conn.destroy(); }
});`;
}
