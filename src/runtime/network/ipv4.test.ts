import { describe, expect, it } from 'vitest';
import { broadcastOf, contains, formatIp, formatSubnet, overlaps, parseIp, parseSubnet } from './ipv4.js';

describe('ipv4', () => {
  it('parses and formats addresses', () => {
    expect(formatIp(parseIp('10.231.0.255'))).toBe('10.231.0.255');
    expect(parseIp('255.255.255.255')).toBe(0xffffffff);
    expect(() => parseIp('10.0.0')).toThrow(expect.objectContaining({ code: 'network.invalid-address' }));
    expect(() => parseIp('10.0.0.256')).toThrow(/is not an IPv4 address/);
  });

  it('parses subnets, refusing host bits and bad prefixes', () => {
    expect(formatSubnet(parseSubnet('10.89.3.0/24'))).toBe('10.89.3.0/24');
    expect(() => parseSubnet('10.89.3.1/24')).toThrow(expect.objectContaining({ code: 'network.invalid-subnet', hint: 'use 10.89.3.0/24' }));
    expect(() => parseSubnet('10.89.3.0/33')).toThrow(/not an IPv4 CIDR subnet/);
    expect(() => parseSubnet('10.89.3.0')).toThrow(/not an IPv4 CIDR subnet/);
    expect(formatSubnet(parseSubnet('10.89.3.7/24', 'x', true))).toBe('10.89.3.0/24');
  });

  it('answers containment, overlap and broadcast', () => {
    const s = parseSubnet('10.1.2.0/23');
    expect(contains(s, parseIp('10.1.3.9'))).toBe(true);
    expect(contains(s, parseIp('10.1.4.0'))).toBe(false);
    expect(overlaps(s, parseSubnet('10.1.3.128/25'))).toBe(true);
    expect(overlaps(s, parseSubnet('10.1.4.0/24'))).toBe(false);
    expect(overlaps(parseSubnet('0.0.0.0/0'), s)).toBe(true);
    expect(formatIp(broadcastOf(s))).toBe('10.1.3.255');
  });
});
