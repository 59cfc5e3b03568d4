/**
 * Service discovery between REAL berth containers (runtime API, busybox image): each container joins a
 * namespace file the network code made and attached, with /etc/hosts and /etc/resolv.conf from the
 * network's writers. Checked from inside containers: names and aliases (busybox nslookup), httpd by
 * name (wget), UDP by name (busybox tftp to a logging UDP peer), replicas in round robin, reverse
 * lookups (PTR), a name following a recreate; and from the host, a published port on 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../container/test-support/runtime-harness.js';
import {
  createNetwork, teardownProjectNetworking, type NetworkRecord,
} from './index.js';
import { DnsRecords } from './dns-records.js';
import { startNetworkDns, type NetworkDns } from './network-dns.js';
import { startPortProxy, type PortProxy } from './port-proxy.js';
import { HTTPD, httpGet, removeFromNetwork, runIn, startOnNetwork, type NetContainer } from './test-support/container-fixture.js';
import { skipReason, stopAll, SUFFIX, waitFor } from './test-support/net-fixture.js';

const reason = skipReason();
const UDP_PEER = join(import.meta.dirname, 'test-support', 'udp-peer.mjs');
const options = { natTable: `berth-test-o${SUFFIX}`, hostForwarding: false };

describe.skipIf(reason !== undefined)(`real containers on a network ${reason ? `(skipped: ${reason})` : ''}`, () => {
  let h: Harness | undefined;
  const records = new DnsRecords();
  const started: ChildProcess[] = [];
  const listeners: Array<NetworkDns | PortProxy> = [];
  let net: NetworkRecord;
  const web: NetContainer[] = [];
  let client = { netns: '', address: '' };
  const ask = (args: string[]): Promise<string> => runIn(h!, net, client.netns, client.address, args);

  beforeAll(async () => {
    h = makeHarness('svc', 'nw');
    net = (await createNetwork(h.ctx.roots, { name: 'nwsvc_default', project: 'nwsvc', bridge: `berthno${SUFFIX}`, subnet: '10.231.70.0/24', internal: false }, options)).record;
    listeners.push(await startNetworkDns(net, { records, upstreams: [], natTable: options.natTable }));
    web.push(await startOnNetwork(h, net, records, { name: 'nwsvc-web-1', service: 'web', aliases: ['www'], args: HTTPD }));
    web.push(await startOnNetwork(h, net, records, { name: 'nwsvc-web-2', service: 'web', args: HTTPD }));
    const app = await startOnNetwork(h, net, records, { name: 'nwsvc-app-1', service: 'app', args: ['sleep', '600'] });
    client = { netns: app.netns, address: app.address };
    for (const w of web) await waitFor(async () => (await httpGet(w.address, 80).catch(() => '')).includes(w.id));
  });

  afterAll(async () => {
    stopAll(started);
    const roots = h?.ctx.roots;
    try {
      if (roots !== undefined) await teardownProjectNetworking(roots, { project: 'nwsvc', netnsPrefix: 'nw-svc-', listeners, options });
    } finally {
      await h?.cleanup();
    }
  });

  it('resolves service names, container names and aliases inside a container', async () => {
    expect(await ask(['nslookup', 'www'])).toContain(`Address: ${web[0]!.address}`);
    expect(await ask(['nslookup', 'nwsvc-web-2'])).toContain(`Address: ${web[1]!.address}`);
    expect(await ask(['nslookup', 'app'])).toContain(`Address: ${client.address}`);
    expect(await ask(['nslookup', 'nosuchservice'])).toMatch(/NXDOMAIN/);
  });

  it('answers every replica of a service, in rotating order', async () => {
    const order = (out: string): string[] => [...out.matchAll(/Address: (10\.231\.70\.\d+)$/gm)].map((m) => m[1]!);
    const first = order(await ask(['nslookup', 'web']));
    const second = order(await ask(['nslookup', 'web']));
    expect([...first].sort()).toEqual(web.map((w) => w.address).sort());
    expect(second).toEqual([...first].reverse());
  });

  it('reaches httpd by service name and alias with wget', async () => {
    const body = await ask(['wget', '-q', '-O', '-', 'http://www/']);
    expect(body.trim()).toBe(web[0]!.id);
    expect(web.map((w) => w.id)).toContain((await ask(['wget', '-q', '-O', '-', 'http://web/'])).trim());
  });

  it('carries UDP to another container by name', async () => {
    const peer = spawn('nsenter', [`--net=${web[1]!.netns}`, process.execPath, UDP_PEER, 'log', '6969'], { stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(peer);
    let seen = '';
    peer.stdout.on('data', (d: Buffer) => (seen += d.toString('latin1')));
    await waitFor(() => seen.includes('ready'));
    // tftp retries until killed; under sh, not as PID 1 (which ignores the SIGTERM of `timeout`).
    await ask(['sh', '-c', 'timeout 1 tftp -g -r ping-over-udp -l /tmp/x nwsvc-web-2 6969; true']);
    expect(seen).toContain('ping-over-udp');
  });

  it('answers reverse lookups of the network\'s own addresses', async () => {
    expect(await ask(['nslookup', web[0]!.address])).toContain('name = nwsvc-web-1');
  });

  it('follows a recreate: the name moves to the new container\'s address at once', async () => {
    const old = web[0]!;
    const fresh = await startOnNetwork(h!, net, records, { name: 'nwsvc-web-1', service: 'web', aliases: ['www'], args: HTTPD });
    await removeFromNetwork(h!, net, records, old, false);
    web[0] = fresh;
    expect(fresh.address).not.toBe(old.address);
    await waitFor(async () => (await httpGet(fresh.address, 80).catch(() => '')).includes(fresh.id));
    const out = await ask(['nslookup', 'nwsvc-web-1']);
    expect(out).toContain(`Address: ${fresh.address}`);
    expect(out).not.toContain(`Address: ${old.address}`);
    expect((await ask(['wget', '-q', '-O', '-', 'http://www/'])).trim()).toBe(fresh.id);
  });

  it('publishes a container\'s port on 127.0.0.1', async () => {
    const proxy = await startPortProxy([{ protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 0, targetIp: web[1]!.address, targetPort: 80 }]);
    listeners.push(proxy);
    expect(await httpGet('127.0.0.1', proxy.mappings[0]!.hostPort)).toContain(web[1]!.id);
  });

});
