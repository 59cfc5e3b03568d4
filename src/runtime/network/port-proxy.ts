/**
 * The userland forwarder of published ports: per mapping a TCP server (piping each connection to the
 * container's address) or a UDP socket (one upstream socket per client, dropped after an idle time),
 * listening on hostIp:hostPort. Port 0 listens on an ephemeral port, reported back in the result.
 * Failing to listen closes the listeners already opened, so start is all or nothing. Containers see
 * connections coming from the gateway address, not the client's (as with Docker's userland proxy).
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { BerthError } from '../../errors/index.js';
import { hostSideText, type PortMapping } from './port-mapping.js';

/** Running forwarders and the host ports they got. */
export interface PortProxy {
  mappings: PortMapping[];
  close(): Promise<void>;
}

/** Starts a forwarder per mapping; rejects with `network.port-in-use` when a port cannot be bound. */
export async function startPortProxy(mappings: PortMapping[], udpIdleMs = 30_000): Promise<PortProxy> {
  const closers: Array<() => Promise<void>> = [];
  const bound: PortMapping[] = [];
  try {
    for (const m of mappings) {
      const started = m.protocol === 'tcp' ? await proxyTcp(m) : await proxyUdp(m, udpIdleMs);
      closers.push(started.close);
      bound.push({ ...m, hostPort: started.port });
    }
  } catch (error) {
    await Promise.all(closers.map((c) => c()));
    throw error;
  }
  return { mappings: bound, close: async () => void (await Promise.all(closers.map((c) => c()))) };
}

interface Started {
  port: number;
  close(): Promise<void>;
}

async function proxyTcp(m: PortMapping): Promise<Started> {
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(m.targetPort, m.targetIp);
    for (const [a, b] of [[client, upstream], [upstream, client]] as const) {
      open.add(a);
      a.on('error', () => b.destroy());
      a.on('close', () => { open.delete(a); b.destroy(); });
      a.pipe(b);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(bindError(m, error)));
    server.listen(m.hostPort, m.hostIp, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    port,
    close: () => new Promise<void>((resolve) => {
      for (const s of open) s.destroy();
      server.close(() => resolve());
    }),
  };
}

async function proxyUdp(m: PortMapping, idleMs: number): Promise<Started> {
  const listener = createSocket(m.hostIp.includes(':') ? 'udp6' : 'udp4');
  const clients = new Map<string, { socket: UdpSocket; timer: NodeJS.Timeout }>();
  const drop = (key: string): void => {
    const c = clients.get(key);
    if (c === undefined) return;
    clearTimeout(c.timer);
    c.socket.close();
    clients.delete(key);
  };
  listener.on('message', (data, peer) => {
    const key = `${peer.address}:${peer.port}`;
    let c = clients.get(key);
    if (c === undefined) {
      const socket = createSocket('udp4');
      socket.on('message', (reply) => listener.send(reply, peer.port, peer.address));
      socket.on('error', () => drop(key));
      c = { socket, timer: setTimeout(() => drop(key), idleMs) };
      clients.set(key, c);
    }
    c.timer.refresh();
    c.socket.send(data, m.targetPort, m.targetIp);
  });
  await new Promise<void>((resolve, reject) => {
    listener.once('error', (error) => reject(bindError(m, error)));
    listener.bind(m.hostPort, m.hostIp, () => resolve());
  });
  listener.on('error', () => undefined);
  return {
    port: listener.address().port,
    close: () => new Promise<void>((resolve) => {
      for (const key of [...clients.keys()]) drop(key);
      listener.close(() => resolve());
    }),
  };
}

function bindError(m: PortMapping, error: Error): BerthError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return new BerthError('conflict', 'network.port-in-use', `host port ${hostSideText(m)} is already in use`,
      { hint: 'stop what holds it, or publish the container port on another host port', cause: error });
  }
  return new BerthError('system', 'network.port-listen-failed', `cannot listen on host port ${hostSideText(m)}: ${error.message}`,
    { hint: 'check that host_ip is an address of this host', cause: error });
}
