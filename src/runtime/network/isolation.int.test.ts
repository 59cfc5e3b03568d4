/**
 * Outbound NAT and isolation on the real kernel: a non-internal network's subnet is masqueraded in
 * berth's own nftables table and its bridge forwards; two projects' namespaces cannot reach each other
 * across their bridges (checked against the same path with the isolation entries lifted, so the drop is
 * what stops them); rules and table go away with the networks. Traffic stays between the test's own
 * namespaces.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allocateAddress, attach, createNetns, createNetwork, listTable, teardownProjectNetworking, type NetworkRecord,
} from './index.js';
import { inNetns, removeRoots, skipReason, SUFFIX, tempRoots } from './test-support/net-fixture.js';

const reason = skipReason();
const TABLE = `berth-test-i${SUFFIX}`;
const options = { natTable: TABLE, hostForwarding: false };

describe.skipIf(reason !== undefined)(`nat and isolation ${reason ? `(skipped: ${reason})` : ''}`, () => {
  const roots = tempRoots('iso');
  const nets: Record<string, NetworkRecord> = {};
  const ns: Record<string, string> = {};
  const ip: Record<string, string> = {};

  beforeAll(async () => {
    for (const [project, third] of [['isoa', 40], ['isob', 41]] as const) {
      nets[project] = (await createNetwork(roots, { name: `${project}_default`, project, bridge: `berthn${project.at(-1)}${SUFFIX}`, subnet: `10.231.${third}.0/24`, internal: false }, options)).record;
      ns[project] = createNetns(roots, `${project}-svc-1`);
      ip[project] = allocateAddress(roots, nets[project]!, `${project}-svc-1`);
      attach({ netnsPath: ns[project]!, ifname: 'eth0', network: nets[project]!, address: ip[project]!, isDefaultRoute: true });
    }
  });

  afterAll(async () => {
    try {
      for (const project of ['isoa', 'isob']) await teardownProjectNetworking(roots, { project, netnsPrefix: `${project}-`, options });
    } finally {
      removeRoots(roots);
    }
  });

  it('masquerades non-internal subnets in its own table and lets their bridges forward', () => {
    const table = listTable(TABLE) ?? '';
    expect(table).toMatch(/elements = \{ 10\.231\.40\.0\/24, 10\.231\.41\.0\/24 \}/);
    expect(table).toContain('ip saddr @masq oifname != "berth*" masquerade');
    expect(readFileSync(`/proc/sys/net/ipv4/conf/${nets['isoa']!.bridge}/forwarding`, 'utf8').trim()).toBe('1');
  });

  it('keeps two projects apart, and only the isolation rule does so', () => {
    expect(inNetns(ns['isoa']!, ['ping', '-c', '1', '-W', '1', ip['isob']!]).status).not.toBe(0);
    const bridges = [nets['isoa']!.bridge, nets['isob']!.bridge];
    for (const bridge of bridges) nft(`delete element ip ${TABLE} isolate { "${bridge}" }`);
    try {
      expect(inNetns(ns['isoa']!, ['ping', '-c', '1', '-W', '2', ip['isob']!]).status).toBe(0);
    } finally {
      for (const bridge of bridges) nft(`add element ip ${TABLE} isolate { "${bridge}" : jump net-${bridge} }`);
    }
    expect(inNetns(ns['isoa']!, ['ping', '-c', '1', '-W', '1', ip['isob']!]).status).not.toBe(0);
  });

  it('removes a network\'s rules with it, and the table with the last one', async () => {
    await teardownProjectNetworking(roots, { project: 'isoa', netnsPrefix: 'isoa-', options });
    const table = listTable(TABLE) ?? '';
    expect(table).not.toContain('10.231.40.0/24');
    expect(table).not.toContain(nets['isoa']!.bridge);
    expect(table).toContain('10.231.41.0/24');
    await teardownProjectNetworking(roots, { project: 'isob', netnsPrefix: 'isob-', options });
    expect(listTable(TABLE)).toBeUndefined();
  });
});

function nft(command: string): void {
  const run = spawnSync('nft', command.split(' '), { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`nft ${command}: ${run.stderr}`);
}
