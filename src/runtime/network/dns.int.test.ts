/**
 * Name resolution on the real kernel: two namespaces on a bridge find each other through berth's DNS
 * server on the gateway (busybox nslookup, wget against busybox httpd, a UDP echo fixture, with the written
 * resolv.conf and hosts files bound in a private mount namespace), replicas in round robin, a name
 * following re-registration, TCP queries, NXDOMAIN, and forwarding to a fake upstream on 127.0.0.1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allocateAddress, attach, createNetns, createNetwork, teardownProjectNetworking, writeHosts, writeResolvConf, type NetworkRecord,
} from './index.js';
import { DnsRecords } from './dns-records.js';
import { startDnsServer, type DnsServer } from './dns-server.js';
import { fakeUpstream, queryA } from './test-support/dns-client.js';
import { BUSYBOX, inNetnsAsync, removeRoots, runAsync, skipReason, startInNetns, stopAll, SUFFIX, tempRoots, waitFor } from './test-support/net-fixture.js';

const reason = skipReason();
const UDP_PEER = join(import.meta.dirname, 'test-support', 'udp-peer.mjs');
const options = { natTable: `berth-test-d${SUFFIX}`, hostForwarding: false };

describe.skipIf(reason !== undefined)(`service discovery ${reason ? `(skipped: ${reason})` : ''}`, () => {
  const roots = tempRoots('dns');
  const records = new DnsRecords();
  const started: ChildProcess[] = [];
  let net: NetworkRecord;
  let dns: DnsServer;
  let upstream: Awaited<ReturnType<typeof fakeUpstream>>;
  const ns: Record<string, string> = {};
  const ip: Record<string, string> = {};

  beforeAll(async () => {
    net = (await createNetwork(roots, { name: 'dnsp_default', project: 'dnsp', bridge: `berthns${SUFFIX}`, subnet: '10.231.20.0/24', internal: false }, options)).record;
    for (const name of ['dnsp-web-1', 'dnsp-app-1']) {
      ns[name] = createNetns(roots, name);
      ip[name] = allocateAddress(roots, net, name);
      attach({ netnsPath: ns[name]!, ifname: 'eth0', network: net, address: ip[name]!, isDefaultRoute: true });
    }
    records.register('dnsp-web-1', ['web', 'dnsp-web-1', 'www'], ip['dnsp-web-1']!);
    records.register('dnsp-app-1', ['app', 'dnsp-app-1'], ip['dnsp-app-1']!);
    upstream = await fakeUpstream('10.231.29.9');
    dns = await startDnsServer({ host: net.gateway, records, upstreams: [{ host: '127.0.0.1', port: upstream.port }], timeoutMs: 1000 });
  });

  afterAll(async () => {
    stopAll(started);
    upstream?.close();
    try {
      await teardownProjectNetworking(roots, { project: 'dnsp', netnsPrefix: 'dnsp-', listeners: dns ? [dns] : [], options });
    } finally {
      removeRoots(roots);
    }
  });

  it('answers service names, container names and aliases to busybox nslookup', async () => {
    for (const name of ['web', 'dnsp-web-1', 'www']) {
      const run = await inNetnsAsync(ns['dnsp-app-1']!, ['nslookup', name, net.gateway]);
      expect(run.out).toContain(`Address: ${ip['dnsp-web-1']}`);
    }
    expect((await inNetnsAsync(ns['dnsp-web-1']!, ['nslookup', 'app', net.gateway])).out).toContain(`Address: ${ip['dnsp-app-1']}`);
    expect((await inNetnsAsync(ns['dnsp-web-1']!, ['nslookup', 'nosuchname', net.gateway])).out).toMatch(/NXDOMAIN/);
  });

  it('reaches a busybox httpd by name through the written resolv.conf and hosts files', async () => {
    const www = join(roots.run, 'www');
    mkdirSync(www, { recursive: true });
    writeFileSync(join(www, 'index.html'), 'hello from web\n');
    startInNetns(ns['dnsp-web-1']!, ['httpd', '-f', '-p', '8080', '-h', www], started);
    const files = containerFiles('dnsp-app-1', ip['dnsp-app-1']!);
    let body = '';
    await waitFor(async () => (body = await inContainer(ns['dnsp-app-1']!, files, `${BUSYBOX} wget -q -O - http://web:8080/`)).includes('hello'));
    expect(body).toContain('hello from web');
    expect(await inContainer(ns['dnsp-app-1']!, files, `${BUSYBOX} wget -q -O - http://gw.test:8080/`)).toContain('hello from web');
  });

  it('carries UDP between the two by name', async () => {
    const server = spawn('nsenter', [`--net=${ns['dnsp-web-1']}`, process.execPath, UDP_PEER, 'serve', '9000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(server);
    await waitFor(() => server.stdout.read() !== null);
    const files = containerFiles('dnsp-app-1', ip['dnsp-app-1']!);
    expect(await inContainer(ns['dnsp-app-1']!, files, `${process.execPath} ${UDP_PEER} send web 9000 ping-udp`)).toContain('echo:ping-udp');
  });

  it('answers every replica, rotating the order', async () => {
    records.register('dnsp-web-2', ['web', 'dnsp-web-2'], '10.231.20.77');
    const first = await queryA(net.gateway, 53, 'web');
    const second = await queryA(net.gateway, 53, 'web');
    expect([...first.addresses].sort()).toEqual([ip['dnsp-web-1'], '10.231.20.77'].sort());
    expect(second.addresses).toEqual([...first.addresses].reverse());
    records.unregister('dnsp-web-2');
    expect((await queryA(net.gateway, 53, 'web')).addresses).toEqual([ip['dnsp-web-1']]);
  });

  it('follows a re-registration at once, over UDP and TCP', async () => {
    records.register('dnsp-app-1', ['app', 'dnsp-app-1'], '10.231.20.88');
    expect((await queryA(net.gateway, 53, 'app')).addresses).toEqual(['10.231.20.88']);
    expect((await queryA(net.gateway, 53, 'APP.', true)).addresses).toEqual(['10.231.20.88']);
    records.register('dnsp-app-1', ['app', 'dnsp-app-1'], ip['dnsp-app-1']!);
  });

  it('says NXDOMAIN for unknown short names and forwards dotted ones upstream', async () => {
    expect((await queryA(net.gateway, 53, 'nosuchservice')).rcode).toBe('NXDOMAIN');
    expect(upstream.queries).toEqual([]);
    expect((await queryA(net.gateway, 53, 'outside.example')).addresses).toEqual(['10.231.29.9']);
    expect(upstream.queries).toEqual(['outside.example']);
  });

  /** resolv.conf pointing at the gateway and a hosts file, written as the runtime would. */
  function containerFiles(id: string, address: string): { resolv: string; hosts: string } {
    const dir = join(roots.run, 'files', id);
    mkdirSync(dir, { recursive: true });
    const files = { resolv: join(dir, 'resolv.conf'), hosts: join(dir, 'hosts') };
    writeResolvConf(files.resolv, { nameservers: [net.gateway], search: [], options: ['ndots:0'] });
    writeHosts(files.hosts, { address, names: [id, 'app'], extraHosts: [{ name: 'gw.test', address: 'host-gateway' }], hostGateway: ip['dnsp-web-1'] });
    return files;
  }
});

/** Runs `script` in namespace `ns` with the files bound over /etc in a private mount namespace. */
async function inContainer(ns: string, files: { resolv: string; hosts: string }, script: string): Promise<string> {
  const inner = `mount --bind ${files.resolv} /etc/resolv.conf && mount --bind ${files.hosts} /etc/hosts && exec nsenter --net=${ns} sh -c '${script}'`;
  return (await runAsync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', inner])).out;
}
