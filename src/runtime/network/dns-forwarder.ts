/**
 * Forwards a DNS query berth cannot answer to upstream servers (the host's resolvers), over UDP, one
 * upstream after another until one answers within the timeout. The query is relayed byte for byte and
 * the reply returned as is, so the client's id and flags survive.
 */
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { nameserversOf } from './resolv-conf.js';

/** An upstream DNS server. */
export interface Upstream {
  host: string;
  port: number;
}

/** The reply of the first upstream answering `query`, or undefined when none does. */
export async function forwardQuery(query: Buffer, upstreams: Upstream[], timeoutMs: number): Promise<Buffer | undefined> {
  for (const upstream of upstreams) {
    const reply = await askOne(query, upstream, timeoutMs);
    if (reply !== undefined) return reply;
  }
  return undefined;
}

/** Upstreams from resolv.conf nameserver addresses (port 53; IPv4 only). */
export function upstreamsOf(nameservers: string[]): Upstream[] {
  return nameservers.filter((ns) => /^\d+\.\d+\.\d+\.\d+$/.test(ns)).map((host) => ({ host, port: 53 }));
}

/** The host's resolvers, from its resolv.conf (none when the file cannot be read). */
export function hostUpstreams(resolvConf = '/etc/resolv.conf'): Upstream[] {
  try {
    return upstreamsOf(nameserversOf(readFileSync(resolvConf, 'utf8')));
  } catch {
    return [];
  }
}

function askOne(query: Buffer, upstream: Upstream, timeoutMs: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const done = (reply: Buffer | undefined): void => {
      clearTimeout(timer);
      socket.close();
      resolve(reply);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    socket.on('error', () => done(undefined));
    socket.on('message', (reply) => {
      if (reply.length >= 2 && reply.readUInt16BE(0) === query.readUInt16BE(0)) done(reply);
    });
    socket.send(query, upstream.port, upstream.host);
  });
}
