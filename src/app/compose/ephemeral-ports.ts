/**
 * Host ports for published ports that name none (`"8080"`, `"127.0.0.1::8080"`, long syntax without
 * `published`): as Docker does, the host picks a free one. The port a container got is kept while it
 * lives (matched in the previous supervisor.json by container, address, protocol and container port),
 * so a reload or a restarted supervisor forwards the same port; a new one is asked of the kernel.
 */
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import type { SupervisedPort } from '../../supervisor/index.js';

/** The identity of an ephemeral mapping, the same across reloads. */
function keyOf(p: SupervisedPort): string {
  return `${p.container ?? ''}|${p.protocol}|${p.hostIp}|${p.containerPort}`;
}

/** `ports` with the host ports of ephemeral mappings taken from `previous` where it has them; the rest keep 0. */
export function reuseEphemeral(ports: readonly SupervisedPort[], previous: readonly SupervisedPort[]): SupervisedPort[] {
  const kept = new Map(previous.filter((p) => p.ephemeral === true).map((p) => [keyOf(p), p.hostPort]));
  return ports.map((p) => (p.ephemeral === true && p.hostPort === 0 ? { ...p, hostPort: kept.get(keyOf(p)) ?? 0 } : p));
}

/** `ports` with every ephemeral mapping given a host port: the previous one, else one free now. */
export async function assignEphemeral(ports: readonly SupervisedPort[], previous: readonly SupervisedPort[]): Promise<SupervisedPort[]> {
  const reused = reuseEphemeral(ports, previous);
  const held: Array<() => void> = [];
  try {
    const out: SupervisedPort[] = [];
    // The sockets stay open until every port is picked, so two mappings never get the same one.
    for (const p of reused) out.push(p.hostPort !== 0 ? p : { ...p, hostPort: await freePort(p, held) });
    return out;
  } finally {
    for (const release of held) release();
  }
}

/** A port the kernel gives for `p`'s address and protocol; its socket is closed by the caller. */
function freePort(p: SupervisedPort, held: Array<() => void>): Promise<number> {
  return new Promise((resolve, reject) => {
    if (p.protocol === 'udp') {
      const socket = createSocket(p.hostIp.includes(':') ? 'udp6' : 'udp4');
      socket.once('error', reject);
      socket.bind(0, p.hostIp, () => {
        held.push(() => socket.close());
        resolve(socket.address().port);
      });
      return;
    }
    const server = createServer();
    server.once('error', reject);
    server.listen(0, p.hostIp, () => {
      held.push(() => server.close());
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
}
