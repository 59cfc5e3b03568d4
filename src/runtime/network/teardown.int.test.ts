/**
 * Teardown after a crash on the real kernel: a project left half-made (a network recorded but never
 * built, its rules already gone, a stray port on a bridge, a namespace file whose mount is gone) is
 * removed completely by teardown, which can run again without complaint.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { saveNetworkRecord } from './network-record.js';
import {
  allocateAddress, attach, createNetns, createNetwork, deleteNetns, listNetworkRecords, listTable, teardownProjectNetworking,
} from './index.js';
import { hostLinks, removeRoots, skipReason, SUFFIX, tempRoots } from './test-support/net-fixture.js';

const reason = skipReason();
const TABLE = `berth-test-t${SUFFIX}`;
const options = { natTable: TABLE, hostForwarding: false };

describe.skipIf(reason !== undefined)(`teardown after a crash ${reason ? `(skipped: ${reason})` : ''}`, () => {
  const roots = tempRoots('crash');
  const bridge = `berthnc${SUFFIX}`;
  const stray = `bhstray${SUFFIX}`;

  afterAll(async () => {
    try {
      await teardownProjectNetworking(roots, { project: 'crashp', netnsPrefix: 'crashp-', options });
    } finally {
      execFileSync('sh', ['-c', `ip link del ${stray} 2>/dev/null || true`]);
      removeRoots(roots);
    }
  });

  it('removes a half-made project completely, twice', async () => {
    const { record } = await createNetwork(roots, { name: 'crashp_default', project: 'crashp', bridge, subnet: '10.231.50.0/24', internal: false }, options);
    saveNetworkRecord(roots, { ...record, name: 'crashp_never', bridge: `berthnv${SUFFIX}`, subnet: '10.231.51.0/24', gateway: '10.231.51.1' });
    const ns = createNetns(roots, 'crashp-web-1');
    attach({ netnsPath: ns, ifname: 'eth0', network: record, address: allocateAddress(roots, record, 'crashp-web-1'), isDefaultRoute: true });
    execFileSync('ip', ['link', 'add', stray, 'master', bridge, 'type', 'veth', 'peer', 'name', `bhpeer${SUFFIX}`]);
    execFileSync('nft', ['delete', 'table', 'ip', TABLE]);
    const orphan = createNetns(roots, 'crashp-db-1');
    deleteNetns(orphan);
    writeFileSync(orphan, '');

    const result = await teardownProjectNetworking(roots, { project: 'crashp', netnsPrefix: 'crashp-', options });
    expect(result.networks.sort()).toEqual(['crashp_default', 'crashp_never']);
    expect(hostLinks(SUFFIX).filter((l) => /berthn|bv|bh/.test(l))).toEqual([]);
    expect(existsSync(ns) || existsSync(orphan)).toBe(false);
    expect(listNetworkRecords(roots)).toEqual([]);
    expect(listTable(TABLE)).toBeUndefined();
    expect(readFileSync('/proc/mounts', 'utf8')).not.toContain(roots.run);
    await expect(teardownProjectNetworking(roots, { project: 'crashp', netnsPrefix: 'crashp-', options })).resolves.toEqual({ networks: [], netns: [] });
  });
});
