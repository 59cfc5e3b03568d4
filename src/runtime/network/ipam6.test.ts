import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_POOL } from './address-pool.js';
import { allocateAddress, releaseAddresses, settleNetwork } from './ipam.js';
import { allocateAddress6 } from './ipam6.js';
import { parseSubnet6 } from './ipv6.js';
import { saveNetworkRecord, type NetworkSpec } from './network-record.js';

const spec = (over: Partial<NetworkSpec> = {}): NetworkSpec =>
  ({ name: 'p6_default', project: 'p6', bridge: 'berthn6', internal: false, subnet: '10.231.0.0/24', ...over });
const none = { hostRoutes: [], networks: [] };

describe('IPv6 settling', () => {
  it('settles the IPv6 gateway, and leaves IPv4-only networks alone', () => {
    expect(settleNetwork(spec({ subnet6: 'fd42:b0b0:0::/64' }), none, DEFAULT_POOL)).toMatchObject({ subnet6: 'fd42:b0b0::/64', gateway6: 'fd42:b0b0::1' });
    expect(settleNetwork(spec({ subnet6: 'fd42:b0b0::/64', gateway6: 'fd42:b0b0::fe' }), none, DEFAULT_POOL).gateway6).toBe('fd42:b0b0::fe');
    expect(settleNetwork(spec(), none, DEFAULT_POOL)).not.toHaveProperty('subnet6');
  });

  it('refuses bad IPv6 input before anything exists', () => {
    const settle = (over: Partial<NetworkSpec>, networks6: Array<{ name: string; subnet: ReturnType<typeof parseSubnet6> }> = []) =>
      () => settleNetwork(spec(over), { ...none, networks6 }, DEFAULT_POOL);
    expect(settle({ subnet6: 'fd42:b0b0::/64' }, [{ name: 'q', subnet: parseSubnet6('fd42:b0b0::/48') }])).toThrow(/overlaps network q/);
    expect(settle({ subnet6: 'fd42:b0b0::/48' })).toThrow(expect.objectContaining({ code: 'network.ipv6-prefix' }));
    expect(settle({ subnet6: 'fd42:b0b0::/64', gateway6: 'fd42:b0b1::1' })).toThrow(expect.objectContaining({ code: 'network.address-outside-subnet' }));
    expect(settle({ gateway6: 'fd42:b0b0::1' })).toThrow(expect.objectContaining({ code: 'network.ipv6-gateway-without-subnet' }));
    expect(settle({ subnet6: 'fd42:zz::/64' })).toThrow(expect.objectContaining({ code: 'network.invalid-address' }));
  });
});

describe('IPv6 allocation', () => {
  const run = mkdtempSync(join(tmpdir(), 'berth-ipam6-'));
  const roots = { root: run, run };
  const record = settleNetwork(spec({ subnet6: 'fd42:b0b0::/64' }), none, DEFAULT_POOL);
  saveNetworkRecord(roots, record);
  afterAll(() => rmSync(run, { recursive: true, force: true }));

  it('hands out addresses after the gateway, keeps an owner\'s, honours static ones', () => {
    expect(allocateAddress6(roots, record, 'a')).toBe('fd42:b0b0::2');
    expect(allocateAddress6(roots, record, 'a')).toBe('fd42:b0b0::2');
    expect(allocateAddress(roots, record, 'a')).toBe('10.231.0.2');
    expect(allocateAddress6(roots, record, 'b', 'FD42:B0B0::0:50')).toBe('fd42:b0b0::50');
    expect(allocateAddress6(roots, record, 'c')).toBe('fd42:b0b0::3');
  });

  it('refuses taken, outside and gateway addresses, and networks without IPv6', () => {
    expect(() => allocateAddress6(roots, record, 'd', 'fd42:b0b0::50')).toThrow(/already taken by b/);
    expect(() => allocateAddress6(roots, record, 'd', 'fd42:b0b0::1')).toThrow(/already taken by the gateway/);
    expect(() => allocateAddress6(roots, record, 'd', 'fd42:b0b1::9')).toThrow(expect.objectContaining({ code: 'network.address-outside-subnet' }));
    const v4only = settleNetwork(spec({ name: 'p6_v4' }), none, DEFAULT_POOL);
    expect(() => allocateAddress6(roots, v4only, 'd')).toThrow(expect.objectContaining({ code: 'network.no-ipv6' }));
  });

  it('releases both families of an owner', () => {
    releaseAddresses(roots, record, 'a');
    expect(readdirSync(join(run, 'networks', 'p6_default', 'addresses6')).sort()).toEqual(['fd42:b0b0::3', 'fd42:b0b0::50']);
    expect(readdirSync(join(run, 'networks', 'p6_default', 'addresses'))).toEqual([]);
  });
});
