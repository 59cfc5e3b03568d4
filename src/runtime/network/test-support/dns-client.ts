/**
 * A tiny DNS client for tests (dns-packet over UDP or TCP to one server), and a fake upstream server
 * on 127.0.0.1 that answers every A question with one fixed address, counting the queries it saw.
 */
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import dnsPacket from 'dns-packet';

/** The A addresses and rcode the server gave for `name`. */
export async function queryA(server: string, port: number, name: string, tcp = false): Promise<{ rcode: string; addresses: string[] }> {
  const query = dnsPacket.encode({ type: 'query', id: Math.floor(Math.random() * 65535), flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: 'A', name }] });
  const raw = tcp ? await overTcp(server, port, query) : await overUdp(server, port, query);
  const reply = dnsPacket.decode(raw) as dnsPacket.DecodedPacket & { rcode?: string };
  const addresses = (reply.answers ?? []).flatMap((a) => (a.type === 'A' ? [a.data] : []));
  return { rcode: reply.rcode ?? 'NOERROR', addresses };
}

function overUdp(server: string, port: number, query: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => { socket.close(); reject(new Error(`no DNS reply from ${server}:${port}`)); }, 3000);
    socket.on('message', (msg) => { clearTimeout(timer); socket.close(); resolve(msg); });
    socket.send(query, port, server);
  });
}

function overTcp(server: string, port: number, query: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const head = Buffer.alloc(2);
    head.writeUInt16BE(query.length, 0);
    let got = Buffer.alloc(0);
    const conn = connect(port, server, () => conn.write(Buffer.concat([head, query])));
    conn.on('error', reject);
    conn.on('data', (chunk) => {
      got = Buffer.concat([got, chunk]);
      if (got.length >= 2 && got.length >= 2 + got.readUInt16BE(0)) { conn.destroy(); resolve(got.subarray(2, 2 + got.readUInt16BE(0))); }
    });
  });
}

/** A fake upstream resolver on 127.0.0.1 answering every A query with `address`. */
export async function fakeUpstream(address: string): Promise<{ port: number; queries: string[]; close(): void }> {
  const socket = createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (msg, peer) => {
    const q = dnsPacket.decode(msg);
    const name = q.questions?.[0]?.name ?? '';
    queries.push(name);
    const answers: dnsPacket.Answer[] = [{ type: 'A', class: 'IN', name, ttl: 5, data: address }];
    socket.send(dnsPacket.encode({ type: 'response', id: q.id ?? 0, flags: dnsPacket.RECURSION_AVAILABLE, questions: q.questions ?? [], answers }), peer.port, peer.address);
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
  return { port: socket.address().port, queries, close: () => socket.close() };
}
