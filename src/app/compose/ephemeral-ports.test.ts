import { describe, expect, it } from 'vitest';
import type { SupervisedPort } from '../../supervisor/index.js';
import { reuseEphemeral } from './ephemeral-ports.js';

const port = (over: Partial<SupervisedPort>): SupervisedPort => ({
  protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 0, containerIp: '10.0.0.2', containerPort: 80, container: 'p-web-1', ephemeral: true, ...over,
});

describe('reuseEphemeral', () => {
  it('keeps the host port a container got for the same address, protocol and container port', () => {
    const previous = [port({ hostPort: 40001 }), port({ containerPort: 81, hostPort: 40002 })];
    const out = reuseEphemeral([port({}), port({ containerPort: 81, containerIp: '10.0.0.9' })], previous);
    expect(out.map((p) => p.hostPort)).toEqual([40001, 40002]);
  });

  it('leaves 0 for a new container, another protocol, and never takes a published port as ephemeral', () => {
    const previous = [port({ hostPort: 40001, container: 'p-web-2' }), port({ hostPort: 40003, protocol: 'udp' }), port({ hostPort: 8080, ephemeral: undefined })];
    expect(reuseEphemeral([port({})], previous)[0]?.hostPort).toBe(0);
  });

  it('does not touch published ports', () => {
    const published = port({ hostPort: 8080, ephemeral: undefined });
    expect(reuseEphemeral([published], [port({ hostPort: 40001 })])).toEqual([published]);
  });
});
