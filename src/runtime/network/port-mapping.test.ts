import { describe, expect, it } from 'vitest';
import { expandPortRange, hostSideText } from './port-mapping.js';

describe('port mappings', () => {
  it('expands ranges pairwise, with ephemeral host ports when none are given', () => {
    const base = { protocol: 'udp' as const, hostIp: '127.0.0.1', targetIp: '10.89.0.2' };
    expect(expandPortRange({ ...base, hostPorts: [8000, 8001], targetPorts: [80, 81] }).map((m) => [m.hostPort, m.targetPort])).toEqual([[8000, 80], [8001, 81]]);
    expect(expandPortRange({ ...base, targetPorts: [53, 53] })).toEqual([{ ...base, hostPort: 0, targetPort: 53 }]);
    expect(() => expandPortRange({ ...base, hostPorts: [8000, 8002], targetPorts: [80, 81] })).toThrow(expect.objectContaining({ code: 'network.port-range-mismatch' }));
  });

  it('names the host side', () => {
    expect(hostSideText({ hostIp: '0.0.0.0', hostPort: 80, protocol: 'tcp' })).toBe('80/tcp');
    expect(hostSideText({ hostIp: '127.0.0.1', hostPort: 53, protocol: 'udp' })).toBe('127.0.0.1:53/udp');
  });
});
