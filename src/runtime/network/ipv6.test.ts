import { describe, expect, it } from 'vitest';
import { contains6, formatIp6, ip6Bytes, overlaps6, parseIp6, parseSubnet6 } from './ipv6.js';
import { addressOfReverseName } from './reverse-name.js';

describe('ipv6 addresses', () => {
  it('parses and formats canonically (RFC 5952)', () => {
    expect(formatIp6(parseIp6('FD42:B0B0:0000:0000:0000:0000:0000:0005'))).toBe('fd42:b0b0::5');
    expect(formatIp6(parseIp6('::'))).toBe('::');
    expect(formatIp6(parseIp6('::1'))).toBe('::1');
    expect(formatIp6(parseIp6('1:0:0:2:0:0:0:3'))).toBe('1:0:0:2::3');
    expect(formatIp6(parseIp6('1:0:2:3:4:5:6:7'))).toBe('1:0:2:3:4:5:6:7');
    expect(ip6Bytes(parseIp6('fd42::1')).toString('hex')).toBe('fd420000000000000000000000000001');
  });

  it('refuses malformed addresses and subnets with clear codes', () => {
    for (const bad of ['fd42:::1', '1:2:3:4:5:6:7:8:9', 'fd42::g', '10.0.0.1', '1::2::3']) {
      expect(() => parseIp6(bad)).toThrow(expect.objectContaining({ code: 'network.invalid-address' }));
    }
    expect(() => parseSubnet6('fd42:b0b0::1/64')).toThrow(/host bits set/);
    expect(() => parseSubnet6('fd42:b0b0::/129')).toThrow(expect.objectContaining({ code: 'network.invalid-subnet' }));
  });

  it('tells containment and overlap', () => {
    const net = parseSubnet6('fd42:b0b0::/64');
    expect(contains6(net, parseIp6('fd42:b0b0::ffff'))).toBe(true);
    expect(contains6(net, parseIp6('fd42:b0b1::1'))).toBe(false);
    expect(overlaps6(net, parseSubnet6('fd42:b0b0::/32'))).toBe(true);
    expect(overlaps6(net, parseSubnet6('fd42:b0b0:1::/64'))).toBe(false);
  });

  it('reads reverse names of both families', () => {
    expect(addressOfReverseName('5.0.231.10.in-addr.arpa.')).toBe('10.231.0.5');
    const nibbles = '5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.b.0.b.2.4.d.f.ip6.arpa';
    expect(addressOfReverseName(nibbles)).toBe('fd42:b0b0::5');
    expect(addressOfReverseName('0.231.10.in-addr.arpa')).toBeUndefined();
    expect(addressOfReverseName('300.0.231.10.in-addr.arpa')).toBeUndefined();
    expect(addressOfReverseName('web')).toBeUndefined();
  });
});
