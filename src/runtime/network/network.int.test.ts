/**
 * Networks and attachments on the real kernel: namespace files, a bridge with its gateway, veth pairs
 * made straight into namespaces, IPAM (pool skipping routed subnets, static and persisted addresses),
 * an internal network without a route out, bad input refused before anything exists, and teardown.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSubnet } from './ipv4.js';
import {
  allocateAddress, attach, attachAsync, createNetns, createNetwork, detach, hostIfnameOf, isNetnsMounted, listTable, readNetworkRecord,
  releaseAddresses, requireNetworkRecord, teardownProjectNetworking, type NetworkRecord,
} from './index.js';
import { hostLinks, inNetns, removeRoots, skipReason, SUFFIX, tempRoots } from './test-support/net-fixture.js';

const reason = skipReason();
const TABLE = `berth-test-n${SUFFIX}`;
const options = { natTable: TABLE, hostForwarding: false, pool: { base: parseSubnet('10.231.10.0/23'), prefix: 24 } };

describe.skipIf(reason !== undefined)(`networks and attachments ${reason ? `(skipped: ${reason})` : ''}`, () => {
  const roots = tempRoots('net');
  let front: NetworkRecord;
  let pooled: NetworkRecord;
  let internal: NetworkRecord;
  const nsA = () => `${roots.run}/netns/proj-a-1`;
  const nsB = () => `${roots.run}/netns/proj-b-1`;

  beforeAll(async () => {
    front = (await createNetwork(roots, { name: 'proj_front', project: 'proj', bridge: `berthnf${SUFFIX}`, subnet: '10.231.10.0/24', internal: false }, options)).record;
    pooled = (await createNetwork(roots, { name: 'proj_default', project: 'proj', bridge: `berthnd${SUFFIX}`, internal: false }, options)).record;
    internal = (await createNetwork(roots, { name: 'proj_back', project: 'proj', bridge: `berthni${SUFFIX}`, subnet: '10.231.12.0/24', internal: true, mtu: 1400 }, options)).record;
    createNetns(roots, 'proj-a-1');
    createNetns(roots, 'proj-b-1');
  });

  afterAll(async () => {
    try {
      await teardownProjectNetworking(roots, { project: 'proj', netnsPrefix: 'proj-', options });
    } finally {
      removeRoots(roots);
    }
  });

  it('creates namespace files with lo up, idempotently', () => {
    expect(isNetnsMounted(nsA())).toBe(true);
    expect(createNetns(roots, 'proj-a-1')).toBe(nsA());
    expect(inNetns(nsA(), ['ip', 'link', 'show', 'lo']).out).toMatch(/UP/);
  });

  it('creates a network again idempotently', async () => {
    const again = await createNetwork(roots, { name: 'proj_front', project: 'proj', bridge: front.bridge, subnet: '10.231.10.0/24', internal: false }, options);
    expect(again.record).toEqual(front);
    expect(listTable(TABLE)?.match(/masquerade/g)?.length).toBe(1);
  });

  it('takes a free subnet from the pool, skipping the one already routed', () => {
    expect(pooled.subnet).toBe('10.231.11.0/24');
    expect(pooled.gateway).toBe('10.231.11.1');
    expect(execFileSync('ip', ['-o', 'addr', 'show', 'dev', front.bridge], { encoding: 'utf8' })).toContain('10.231.10.1/24');
  });

  it('attaches two namespaces that reach each other and the gateway', () => {
    const macOf = (dev: string): string => /link\/ether ([0-9a-f:]+)/.exec(execFileSync('ip', ['-o', 'link', 'show', 'dev', dev], { encoding: 'utf8' }))?.[1] ?? '';
    const bridgeMac = macOf(front.bridge);
    expect(bridgeMac).toMatch(/^02:/);
    const a = allocateAddress(roots, front, 'proj-a-1');
    const b = allocateAddress(roots, front, 'proj-b-1', '10.231.10.50');
    expect(a).toBe('10.231.10.2');
    attach({ netnsPath: nsA(), ifname: 'eth0', network: front, address: a, mac: '02:42:0a:e7:0a:02', isDefaultRoute: true });
    attach({ netnsPath: nsB(), ifname: 'eth0', network: front, address: b, isDefaultRoute: true });
    const link = inNetns(nsA(), ['ip', 'addr', 'show', 'eth0']).out;
    expect(link).toContain('inet 10.231.10.2/24');
    expect(link).toContain('02:42:0a:e7:0a:02');
    expect(inNetns(nsA(), ['ip', 'route']).out).toContain('default via 10.231.10.1 dev eth0');
    expect(inNetns(nsA(), ['ping', '-c', '1', '-W', '2', '10.231.10.50']).status).toBe(0);
    expect(inNetns(nsB(), ['ping', '-c', '1', '-W', '2', '10.231.10.1']).status).toBe(0);
    // Fixed at creation: a bridge left to the kernel takes its lowest port's MAC, so joining ports
    // would move the gateway's MAC under its neighbours' feet.
    expect(macOf(front.bridge)).toBe(bridgeMac);
    expect(() => attach({ netnsPath: nsB(), ifname: 'eth0', network: front, address: b, isDefaultRoute: true }))
      .toThrow(expect.objectContaining({ code: 'network.already-attached' }));
    expect(() => attach({ netnsPath: `${roots.run}/netns/nosuch`, ifname: 'eth0', network: front, address: b, isDefaultRoute: true }))
      .toThrow(expect.objectContaining({ code: 'network.netns-missing' }));
  });

  it('attaches off the event loop too (attachAsync), with the same errors and undo', async () => {
    const address = allocateAddress(roots, internal, 'proj-b-1');
    await attachAsync({ netnsPath: nsB(), ifname: 'eth1', network: internal, address, isDefaultRoute: false });
    expect(inNetns(nsB(), ['ip', 'addr', 'show', 'eth1']).out).toContain(`inet ${address}/24`);
    expect(inNetns(nsB(), ['ip', 'link', 'show', 'lo']).out).toContain('UP');
    await expect(attachAsync({ netnsPath: nsB(), ifname: 'eth1', network: internal, address, isDefaultRoute: false }))
      .rejects.toMatchObject({ code: 'network.already-attached' });
    await expect(attachAsync({ netnsPath: `${roots.run}/netns/nosuch`, ifname: 'eth0', network: internal, address, isDefaultRoute: false }))
      .rejects.toMatchObject({ code: 'network.netns-missing' });
    await expect(attachAsync({ netnsPath: nsB(), ifname: 'eth3', network: pooled, address: allocateAddress(roots, pooled, 'proj-b-1'), isDefaultRoute: true }))
      .rejects.toThrow(/add default route: File exists/);
    expect(hostLinks(hostIfnameOf(nsB(), 'eth3'))).toEqual([]);
    expect(detach(nsB(), 'eth1')).toBe(true);
  });

  it('undoes the veth pair when a later step of attach fails', () => {
    const address = allocateAddress(roots, pooled, 'proj-a-1');
    expect(() => attach({ netnsPath: nsA(), ifname: 'eth2', network: pooled, address, isDefaultRoute: true })).toThrow(/add default route: File exists/);
    expect(hostLinks(hostIfnameOf(nsA(), 'eth2'))).toEqual([]);
    expect(inNetns(nsA(), ['ip', 'link', 'show', 'eth2']).status).not.toBe(0);
  });

  it('gives an internal network no route out, with its MTU, as eth1', () => {
    const address = allocateAddress(roots, internal, 'proj-a-1');
    attach({ netnsPath: nsA(), ifname: 'eth1', network: internal, address, isDefaultRoute: true });
    const routes = inNetns(nsA(), ['ip', 'route']).out;
    expect(routes).toContain('10.231.12.0/24 dev eth1');
    expect(routes.match(/default/g)?.length).toBe(1);
    expect(inNetns(nsA(), ['ip', 'link', 'show', 'eth1']).out).toContain('mtu 1400');
    expect(listTable(TABLE)).toMatch(/oifname != "berthni\d+" drop/);
  });

  it('keeps an owner its address across detach and re-attach, and frees it on release', () => {
    expect(detach(nsB(), 'eth0')).toBe(true);
    expect(detach(nsB(), 'eth0')).toBe(false);
    expect(allocateAddress(roots, front, 'proj-b-1')).toBe('10.231.10.50');
    attach({ netnsPath: nsB(), ifname: 'eth0', network: front, address: '10.231.10.50', isDefaultRoute: true });
    expect(inNetns(nsB(), ['ip', 'addr', 'show', 'eth0']).out).toContain('10.231.10.50/24');
    releaseAddresses(roots, front, 'proj-b-1');
    expect(readdirSync(`${roots.run}/networks/proj_front/addresses`)).toEqual(['10.231.10.2']);
  });

  it('refuses bad input before creating anything', async () => {
    const links = hostLinks('berthn').length;
    const bad = (subnet: string) => createNetwork(roots, { name: 'proj_bad', project: 'proj', bridge: `berthnx${SUFFIX}`, subnet, internal: false }, options);
    await expect(bad('10.231.10.128/25')).rejects.toMatchObject({ code: 'network.subnet-overlap' });
    await expect(bad('10.231.300.0/24')).rejects.toMatchObject({ code: 'network.invalid-address' });
    await expect(bad('10.231.13.1/24')).rejects.toMatchObject({ code: 'network.invalid-subnet' });
    expect(() => allocateAddress(roots, front, 'other', '10.231.10.2')).toThrow(expect.objectContaining({ code: 'network.address-taken' }));
    expect(() => allocateAddress(roots, front, 'other', '10.231.99.2')).toThrow(expect.objectContaining({ code: 'network.address-outside-subnet' }));
    const changed = { name: 'proj_front', project: 'proj', bridge: front.bridge, subnet: '10.231.13.0/24', internal: false };
    await expect(createNetwork(roots, changed, options)).rejects.toMatchObject({ code: 'network.config-changed' });
    expect(() => requireNetworkRecord(roots, 'proj_nosuch')).toThrow(expect.objectContaining({ code: 'network.not-found' }));
    expect(hostLinks('berthn').length).toBe(links);
    expect(readNetworkRecord(roots, 'proj_bad')).toBeUndefined();
  });

  it('tears everything down, and again without complaint', async () => {
    const result = await teardownProjectNetworking(roots, { project: 'proj', netnsPrefix: 'proj-', options });
    expect(result.networks.sort()).toEqual(['proj_back', 'proj_default', 'proj_front']);
    expect(hostLinks(SUFFIX).filter((l) => /berthn|bv/.test(l))).toEqual([]);
    expect(existsSync(nsA())).toBe(false);
    expect(listTable(TABLE)).toBeUndefined();
    expect(readFileSync('/proc/mounts', 'utf8').split('\n').filter((l) => l.includes(roots.run))).toEqual([]);
    await teardownProjectNetworking(roots, { project: 'proj', netnsPrefix: 'proj-', options });
  });
});
