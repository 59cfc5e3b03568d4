import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_POOL, pickSubnet } from './address-pool.js';
import { allocateAddress, releaseAddresses, settleNetwork, type TakenSubnets } from './ipam.js';
import { formatSubnet, parseSubnet } from './ipv4.js';
import { saveNetworkRecord, type NetworkSpec } from './network-record.js';

const spec = (over: Partial<NetworkSpec> = {}): NetworkSpec => ({ name: 'p_default', project: 'p', bridge: 'berthn1', internal: false, ...over });
const none: TakenSubnets = { hostRoutes: [], networks: [] };

describe('address pool', () => {
  it('skips routed subnets and other networks', () => {
    const taken = [parseSubnet('10.89.0.0/24'), parseSubnet('10.89.1.128/25'), parseSubnet('10.89.2.0/23')];
    expect(formatSubnet(pickSubnet(DEFAULT_POOL, taken)!)).toBe('10.89.4.0/24');
    expect(pickSubnet(DEFAULT_POOL, [parseSubnet('10.0.0.0/8')])).toBeUndefined();
  });
});

describe('settleNetwork', () => {
  it('fills in subnet and gateway from the pool', () => {
    const record = settleNetwork(spec(), { hostRoutes: [parseSubnet('10.89.0.0/24')], networks: [] }, DEFAULT_POOL);
    expect(record).toMatchObject({ subnet: '10.89.1.0/24', gateway: '10.89.1.1' });
  });

  it('refuses overlapping, malformed and inconsistent input', () => {
    const others = { hostRoutes: [], networks: [{ name: 'q_default', subnet: parseSubnet('10.231.0.0/16') }] };
    expect(() => settleNetwork(spec({ subnet: '10.231.5.0/24' }), others, DEFAULT_POOL)).toThrow(/overlaps network q_default/);
    expect(() => settleNetwork(spec({ subnet: '10.5.0.0/24', gateway: '10.6.0.1' }), none, DEFAULT_POOL)).toThrow(expect.objectContaining({ code: 'network.address-outside-subnet' }));
    expect(() => settleNetwork(spec({ subnet: '10.5.0.0/24', ipRange: '10.5.1.0/28' }), none, DEFAULT_POOL)).toThrow(expect.objectContaining({ code: 'network.range-outside-subnet' }));
    expect(() => settleNetwork(spec({ subnet: '10.5.0.0/31' }), none, DEFAULT_POOL)).toThrow(expect.objectContaining({ code: 'network.subnet-too-small' }));
    expect(() => settleNetwork(spec({ bridge: 'br0' }), none, DEFAULT_POOL)).toThrow(expect.objectContaining({ code: 'network.invalid-bridge-name' }));
    expect(() => settleNetwork(spec({ bridge: 'berthn123456789' + 'x' }), none, DEFAULT_POOL)).toThrow(/at most 15 bytes/);
  });

  it('keeps a declared gateway', () => {
    expect(settleNetwork(spec({ subnet: '10.5.0.0/24', gateway: '10.5.0.254' }), none, DEFAULT_POOL).gateway).toBe('10.5.0.254');
  });
});

describe('address allocation files', () => {
  const run = mkdtempSync(join(tmpdir(), 'berth-ipam-'));
  const roots = { root: run, run };
  const network = settleNetwork(spec({ subnet: '10.231.0.0/24', ipRange: '10.231.0.0/29' }), none, DEFAULT_POOL);
  saveNetworkRecord(roots, network);
  afterAll(() => rmSync(run, { recursive: true, force: true }));

  it('hands out free addresses in the range, skipping the gateway, and the same one to the same owner', () => {
    expect(allocateAddress(roots, network, 'c1')).toBe('10.231.0.2');
    expect(allocateAddress(roots, network, 'c2')).toBe('10.231.0.3');
    expect(allocateAddress(roots, network, 'c1')).toBe('10.231.0.2');
    expect(allocateAddress(roots, network, 'c3', '10.231.0.200')).toBe('10.231.0.200');
  });

  it('refuses taken and foreign static addresses, and runs out cleanly', () => {
    expect(() => allocateAddress(roots, network, 'c4', '10.231.0.3')).toThrow('address 10.231.0.3 on network p_default is already taken by c2');
    expect(() => allocateAddress(roots, network, 'c4', '10.231.0.1')).toThrow(/taken by the gateway/);
    expect(() => allocateAddress(roots, network, 'c4', '10.231.1.3')).toThrow(/not a host address of 10.231.0.0\/24/);
    for (const owner of ['c5', 'c6', 'c7', 'c8']) allocateAddress(roots, network, owner);
    expect(() => allocateAddress(roots, network, 'c9')).toThrow(expect.objectContaining({ code: 'network.addresses-exhausted' }));
  });

  it('releases an owner\'s addresses', () => {
    releaseAddresses(roots, network, 'c2');
    releaseAddresses(roots, network, 'nobody');
    expect(readdirSync(join(run, 'networks', 'p_default', 'addresses'))).not.toContain('10.231.0.3');
    expect(allocateAddress(roots, network, 'c9')).toBe('10.231.0.3');
  });
});
