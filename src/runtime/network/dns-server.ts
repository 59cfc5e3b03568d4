/**
 * A network's DNS server, in-process: UDP and TCP (two-byte length framing) on the gateway address,
 * port 53 by default, answering from a live DnsRecords table (changes are seen by the next query).
 * close() stops both listeners and drops open TCP connections.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import { answerQuery, type Resolver } from './dns-answer.js';
import type { Upstream } from './dns-forwarder.js';
import type { DnsRecords } from './dns-records.js';

/** Where to listen and what to answer. */
export interface DnsServerOptions {
  host: string;
  port?: number | undefined;
  records: DnsRecords;
  /** Where to forward names berth does not know; empty = NXDOMAIN for them. */
  upstreams: Upstream[];
  timeoutMs?: number | undefined;
}

/** A running DNS server. */
export interface DnsServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

/** Starts a DNS server; rejects (EADDRINUSE, EADDRNOTAVAIL) when it cannot listen. */
export async function startDnsServer(options: DnsServerOptions): Promise<DnsServer> {
  const resolver: Resolver = { records: options.records, upstreams: options.upstreams, timeoutMs: options.timeoutMs ?? 2000 };
  const udp = await listenUdp(options.host, options.port ?? 53, resolver);
  const port = udp.address().port;
  let tcp: Server;
  try {
    tcp = await listenTcp(options.host, port, resolver);
  } catch (error) {
    udp.close();
    throw error;
  }
  const connections = new Set<Socket>();
  tcp.on('connection', (c) => {
    connections.add(c);
    c.on('close', () => connections.delete(c));
  });
  return {
    host: options.host,
    port,
    close: async () => {
      for (const c of connections) c.destroy();
      await Promise.all([new Promise<void>((r) => udp.close(() => r())), new Promise<void>((r) => tcp.close(() => r()))]);
    },
  };
}

function listenUdp(host: string, port: number, resolver: Resolver): Promise<UdpSocket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.on('message', (query, peer) => {
      void answerQuery(query, resolver, true).then((reply) => {
        if (reply !== undefined) socket.send(reply, peer.port, peer.address);
      });
    });
    socket.bind(port, host, () => {
      socket.off('error', reject);
      socket.on('error', () => undefined);
      resolve(socket);
    });
  });
}

function listenTcp(host: string, port: number, resolver: Resolver): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((conn) => serveTcp(conn, resolver));
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function serveTcp(conn: Socket, resolver: Resolver): void {
  let pending = Buffer.alloc(0);
  conn.on('error', () => conn.destroy());
  conn.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
      const query = pending.subarray(2, 2 + pending.readUInt16BE(0));
      pending = pending.subarray(2 + query.length);
      void answerQuery(Buffer.from(query), resolver).then((reply) => {
        if (reply === undefined || conn.destroyed) return;
        const head = Buffer.alloc(2);
        head.writeUInt16BE(reply.length, 0);
        conn.write(Buffer.concat([head, reply]));
      });
    }
  });
}
