import { connect, createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PortHost } from './port-host.js';
import type { SupervisedPort } from './supervision-spec.js';

function echoServer(reply: string): Promise<Server> {
  const server = createServer((c) => c.end(reply));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function read(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let got = '';
    const c = connect(port, '127.0.0.1');
    c.on('data', (d) => { got += d.toString(); });
    c.on('end', () => resolve(got));
    c.on('error', reject);
  });
}

describe('hosted port forwarders (loopback)', () => {
  const host = new PortHost();
  let one: Server;
  let two: Server;
  beforeAll(async () => { [one, two] = await Promise.all([echoServer('one'), echoServer('two')]); });
  afterAll(async () => {
    await host.close();
    one?.close();
    two?.close();
  });

  const to = (server: Server): SupervisedPort => ({
    protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 0, containerIp: '127.0.0.1', containerPort: (server.address() as { port: number }).port,
  });

  it('forwards each mapping, keeps unchanged ones across a reload and closes removed ones', async () => {
    expect(await host.apply([to(one)])).toEqual([]);
    const first = host.status()[0]!.boundPort;
    expect(await read(first)).toBe('one');
    await host.apply([to(one), to(two)]);
    const [kept, added] = host.status();
    expect(kept?.boundPort).toBe(first);
    expect(await read(added!.boundPort)).toBe('two');
    await host.apply([to(two)]);
    await expect(read(first)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(host.status()).toHaveLength(1);
  });

  it('reports a port that cannot be bound instead of failing the others', async () => {
    const taken = (one.address() as { port: number }).port;
    const errors = await host.apply([to(two), { ...to(two), hostPort: taken }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'network.port-in-use' });
    expect(host.status()).toHaveLength(1);
  });
});
