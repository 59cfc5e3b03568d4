#!/usr/bin/env node
// Network attach/detach and a 10-container project's network set-up through the network runtime
// (dist/, built by `npm run build`). Attach = address allocation + veth pair made straight into the
// namespace + address + default route + DNS registration; detach undoes it. Peer: the same attach with
// three `ip` processes; the same attach on a dual-stack network (IPv6 address without DAD, IPv6 route).
// Everything lives in a temp BERTH_RUN, on bridges berthnb<pid>/berthnb6<pid>/berthnq<pid>, subnets
// 10.231.200-202.0/24 and fd42:b0b0:202::/64, nft tables berth-test-b<pid>, all removed at the end.
// Contract: bench/run.mjs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = 60;
const PROJECTS = 7;
const net = await import('../dist/src/runtime/network/index.js');
// The DNS server is not in the network index (only the supervisor hosts it): its modules, as the supervisor imports them.
const { DnsRecords } = await import('../dist/src/runtime/network/dns-records.js');
const { startNetworkDns } = await import('../dist/src/runtime/network/network-dns.js');
const tag = String(process.pid % 100000);
const options = { natTable: `berth-test-b${tag}`, hostForwarding: false };

const row = (name, value, target, extra = {}) => console.log(JSON.stringify({ name, value, unit: 'ms', target, ...extra }));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (process.getuid?.() !== 0) {
  row('network attach (median)', null, '<= 5 ms', { note: 'needs root' });
  process.exit(0);
}

const base = mkdtempSync(join(tmpdir(), 'berth-net-bench-'));
const roots = { root: join(base, 'root'), run: join(base, 'run') };
try {
  await benchAttach(false);
  if (ipv6On()) await benchAttach(true);
  await benchProject();
} finally {
  await net.teardownProjectNetworking(roots, { project: 'benchn', netnsPrefix: 'benchn-', options });
  await net.teardownProjectNetworking(roots, { project: 'benchq', netnsPrefix: 'benchq-', options });
  rmSync(base, { recursive: true, force: true });
}

async function benchAttach(v6) {
  const spec = v6
    ? { name: 'benchn_six', bridge: `berthnb6${tag}`, subnet: '10.231.202.0/24', subnet6: 'fd42:b0b0:202::/64' }
    : { name: 'benchn_default', bridge: `berthnb${tag}`, subnet: '10.231.200.0/24' };
  const { record } = await net.createNetwork(roots, { ...spec, project: 'benchn', internal: false }, options);
  const records = new DnsRecords();
  const attachMs = [], detachMs = [], peerMs = [];
  for (let i = 0; i < RUNS; i++) {
    const id = `benchn-c-${i}`;
    const netnsPath = net.createNetns(roots, id);
    const t0 = performance.now();
    const address = net.allocateAddress(roots, record, id);
    const address6 = v6 ? net.allocateAddress6(roots, record, id) : undefined;
    net.attach({ netnsPath, ifname: 'eth0', network: record, address, address6, isDefaultRoute: true });
    records.register(id, ['c', id], address, address6);
    const t1 = performance.now();
    net.detach(netnsPath, 'eth0');
    records.unregister(id);
    net.releaseAddresses(roots, record, id);
    const t2 = performance.now();
    attachMs.push(t1 - t0);
    detachMs.push(t2 - t1);
    if (i < 20 && !v6) peerMs.push(ipAttach(netnsPath, record, i));
    net.deleteNetns(netnsPath);
  }
  if (v6) {
    row(`network attach, dual-stack IPv4+IPv6 (median of ${RUNS})`, median(attachMs), '<= 5 ms');
    return;
  }
  const peer = { peer: 'ip x3', peerValue: median(peerMs) };
  row(`network attach: veth+address+route+DNS (median of ${RUNS})`, median(attachMs), '<= 5 ms', peer);
  row(`network detach (median of ${RUNS})`, median(detachMs), '-', { note: 'veth deletion waits for an RCU grace period in the kernel' });
  row(`network attach + detach (median of ${RUNS})`, median(attachMs.map((a, i) => a + detachMs[i])), '-');
}

function ipAttach(netnsPath, record, i) {
  const host = `bhbench${tag}`;
  const t0 = performance.now();
  execFileSync('ip', ['link', 'add', host, 'master', record.bridge, 'up', 'type', 'veth', 'peer', 'name', 'eth9', 'netns', netnsPath]);
  execFileSync('nsenter', [`--net=${netnsPath}`, 'ip', 'addr', 'add', `10.231.200.${200 + (i % 50)}/24`, 'dev', 'eth9']);
  execFileSync('nsenter', [`--net=${netnsPath}`, 'ip', 'link', 'set', 'eth9', 'up']);
  const ms = performance.now() - t0;
  execFileSync('ip', ['link', 'del', host]);
  return ms;
}

async function benchProject() {
  const ready = [], total = [];
  for (let p = 0; p < PROJECTS; p++) {
    const t0 = performance.now();
    const paths = Array.from({ length: 10 }, (_, i) => net.createNetns(roots, `benchq-svc${i}-1`));
    const t1 = performance.now();
    const { record } = await net.createNetwork(roots, { name: 'benchq_default', project: 'benchq', bridge: `berthnq${tag}`, subnet: '10.231.201.0/24', internal: false }, options);
    const records = new DnsRecords();
    const dns = await startNetworkDns(record, { records, upstreams: [], natTable: options.natTable });
    paths.forEach((netnsPath, i) => {
      const id = `benchq-svc${i}-1`;
      const address = net.allocateAddress(roots, record, id);
      net.attach({ netnsPath, ifname: 'eth0', network: record, address, isDefaultRoute: true });
      records.register(id, [`svc${i}`, id], address);
    });
    const t2 = performance.now();
    ready.push(t2 - t1);
    total.push(t2 - t0);
    await net.teardownProjectNetworking(roots, { project: 'benchq', netnsPrefix: 'benchq-', listeners: [dns], options });
  }
  row(`10-container project networks ready: bridge+NAT+DNS+10 attaches (median of ${PROJECTS})`, median(ready), '<= 60 ms',
    { note: 'namespaces made beforehand, as the runtime makes them with its containers' });
  row(`same, including creating the 10 namespace files (median of ${PROJECTS})`, median(total), '-');
}

function ipv6On() {
  try {
    return readFileSync('/proc/sys/net/ipv6/conf/all/disable_ipv6', 'utf8').trim() === '0';
  } catch {
    return false;
  }
}
