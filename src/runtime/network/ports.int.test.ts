/**
 * Published ports on the real kernel: the userland proxy forwards TCP (to busybox httpd) and UDP (to an
 * echo fixture) from an ephemeral host port, reachable on 127.0.0.1 and the host's own address; a
 * port held by another process is refused before anything is created, naming that process; closing
 * the proxy frees the ports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allocateAddress, attach, checkPortsFree, createNetns, createNetwork, teardownProjectNetworking, type PortMapping,
} from './index.js';
import { startPortProxy, type PortProxy } from './port-proxy.js';
import { removeRoots, skipReason, startInNetns, stopAll, SUFFIX, tempRoots, waitFor } from './test-support/net-fixture.js';

const reason = skipReason();
const UDP_PEER = join(import.meta.dirname, 'test-support', 'udp-peer.mjs');
const options = { natTable: `berth-test-p${SUFFIX}`, hostForwarding: false };

describe.skipIf(reason !== undefined)(`published ports ${reason ? `(skipped: ${reason})` : ''}`, () => {
  const roots = tempRoots('ports');
  const started: ChildProcess[] = [];
  let proxy: PortProxy | undefined;
  let web = '';

  beforeAll(async () => {
    const net = (await createNetwork(roots, { name: 'portp_default', project: 'portp', bridge: `berthnp${SUFFIX}`, subnet: '10.231.30.0/24', internal: false }, options)).record;
    const ns = createNetns(roots, 'portp-web-1');
    web = allocateAddress(roots, net, 'portp-web-1');
    attach({ netnsPath: ns, ifname: 'eth0', network: net, address: web, isDefaultRoute: true });
    const www = join(roots.run, 'www');
    mkdirSync(www, { recursive: true });
    writeFileSync(join(www, 'index.html'), 'published hello\n');
    startInNetns(ns, ['httpd', '-f', '-p', '80', '-h', www], started);
    const udp = spawn('nsenter', [`--net=${ns}`, process.execPath, UDP_PEER, 'serve', '9001'], { stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(udp);
    await waitFor(() => udp.stdout.read() !== null);
  });

  afterAll(async () => {
    stopAll(started);
    try {
      await teardownProjectNetworking(roots, { project: 'portp', netnsPrefix: 'portp-', listeners: proxy ? [proxy] : [], options });
    } finally {
      removeRoots(roots);
    }
  });

  it('forwards TCP and UDP from ephemeral host ports on 127.0.0.1 and the host address', async () => {
    const mappings: PortMapping[] = [
      { protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 0, targetIp: web, targetPort: 80 },
      { protocol: 'udp', hostIp: '0.0.0.0', hostPort: 0, targetIp: web, targetPort: 9001 },
    ];
    checkPortsFree(mappings);
    proxy = await startPortProxy(mappings);
    const [tcp, udp] = proxy.mappings;
    expect(tcp!.hostPort).toBeGreaterThan(0);
    for (const host of ['127.0.0.1', hostAddress()]) {
      expect(await httpGet(host, tcp!.hostPort)).toContain('published hello');
      expect(await udpAsk(host, udp!.hostPort, 'hi-udp')).toBe('echo:hi-udp');
    }
  });

  it('refuses a host port another process holds, naming the process', async () => {
    const holder = spawn(process.execPath, ['-e', "const s=require('net').createServer().listen(0,'127.0.0.1',()=>console.log(s.address().port))"], { stdio: ['ignore', 'pipe', 'inherit'] });
    started.push(holder);
    const port = await new Promise<number>((resolve) => holder.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
    const mapping: PortMapping = { protocol: 'tcp', hostIp: '0.0.0.0', hostPort: port, targetIp: web, targetPort: 80 };
    expect(() => checkPortsFree([mapping])).toThrow(`host port ${port}/tcp is already in use by process ${holder.pid} (node)`);
    await expect(startPortProxy([mapping])).rejects.toMatchObject({ code: 'network.port-in-use' });
  });

  it('frees its ports when closed', async () => {
    const port = proxy!.mappings[0]!.hostPort;
    await proxy!.close();
    proxy = undefined;
    await expect(httpGet('127.0.0.1', port)).rejects.toThrow(/ECONNREFUSED/);
    expect(() => checkPortsFree([{ protocol: 'tcp', hostIp: '0.0.0.0', hostPort: port, targetIp: web, targetPort: 80 }])).not.toThrow();
  });
});

function hostAddress(): string {
  const all = Object.entries(networkInterfaces()).filter(([name]) => !name.startsWith('berth') && !name.startsWith('bv'));
  const found = all.flatMap(([, addrs]) => addrs ?? []).find((a) => a.family === 'IPv4' && !a.internal);
  return found?.address ?? '127.0.0.1';
}

function httpGet(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    const conn = connect(port, host, () => conn.write('GET / HTTP/1.0\r\n\r\n'));
    conn.setTimeout(3000, () => conn.destroy(new Error('timeout')));
    conn.on('data', (d) => (body += d.toString()));
    conn.on('error', reject);
    conn.on('end', () => resolve(body));
  });
}

function udpAsk(host: string, port: number, message: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => { socket.close(); reject(new Error('no UDP reply')); }, 3000);
    socket.on('message', (msg) => { clearTimeout(timer); socket.close(); resolve(msg.toString()); });
    socket.send(message, port, host);
  });
}
