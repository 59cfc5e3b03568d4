import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dnsPacket from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { answerQuery } from './dns-answer.js';
import { hostUpstreams, upstreamsOf } from './dns-forwarder.js';
import { DnsRecords } from './dns-records.js';

const ask = async (records: DnsRecords, name: string, type: 'A' | 'AAAA' = 'A') => {
  const query = dnsPacket.encode({ type: 'query', id: 7, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type, name }] });
  const reply = dnsPacket.decode((await answerQuery(query, { records, upstreams: [], timeoutMs: 100 }))!) as dnsPacket.DecodedPacket & { rcode: string };
  return { rcode: reply.rcode, id: reply.id, addresses: (reply.answers ?? []).flatMap((a) => (a.type === 'A' ? [dataOf(a)] : [])) };
};

const raw = async (records: DnsRecords, name: string, type: 'A' | 'AAAA' | 'PTR') => {
  const query = dnsPacket.encode({ type: 'query', id: 8, questions: [{ type, name }] });
  return dnsPacket.decode((await answerQuery(query, { records, upstreams: [], timeoutMs: 100 }))!);
};

const dataOf = (answer: dnsPacket.Answer): unknown => (answer as { data?: unknown }).data;

describe('dns records and answers', () => {
  it('answers names and aliases case-insensitively, rotating replicas', async () => {
    const records = new DnsRecords();
    records.register('w1', ['web', 'p-web-1'], '10.0.0.2');
    records.register('w2', ['web', 'p-web-2', 'www'], '10.0.0.3');
    expect(await ask(records, 'WEB.')).toEqual({ rcode: 'NOERROR', id: 7, addresses: ['10.0.0.2', '10.0.0.3'] });
    expect((await ask(records, 'web')).addresses).toEqual(['10.0.0.3', '10.0.0.2']);
    expect((await ask(records, 'www')).addresses).toEqual(['10.0.0.3']);
  });

  it('follows re-registration and removal', async () => {
    const records = new DnsRecords();
    records.register('a1', ['app'], '10.0.0.5');
    records.register('a1', ['app'], '10.0.0.9');
    expect((await ask(records, 'app')).addresses).toEqual(['10.0.0.9']);
    records.unregister('a1');
    expect((await ask(records, 'app')).rcode).toBe('NXDOMAIN');
  });

  it('gives an empty NOERROR for AAAA of a known name and NXDOMAIN without upstreams', async () => {
    const records = new DnsRecords();
    records.register('a1', ['app'], '10.0.0.5');
    expect(await ask(records, 'app', 'AAAA')).toMatchObject({ rcode: 'NOERROR', addresses: [] });
    expect((await ask(records, 'example.org')).rcode).toBe('NXDOMAIN');
  });

  it('answers AAAA for names with IPv6 addresses, rotating them too', async () => {
    const records = new DnsRecords();
    records.register('w1', ['web'], '10.0.0.2', 'fd42:b0b0::2');
    records.register('w2', ['web'], '10.0.0.3', 'fd42:b0b0::3');
    const reply = await raw(records, 'web', 'AAAA');
    expect(reply.answers?.map((a) => [a.type, dataOf(a)])).toEqual([['AAAA', 'fd42:b0b0::2'], ['AAAA', 'fd42:b0b0::3']]);
    expect((await raw(records, 'web', 'AAAA')).answers?.map(dataOf)).toEqual(['fd42:b0b0::3', 'fd42:b0b0::2']);
    expect((await ask(records, 'web')).addresses).toEqual(['10.0.0.2', '10.0.0.3']);
  });

  it('answers PTR for the network\'s own addresses and leaves other reverse names alone', async () => {
    const records = new DnsRecords();
    records.register('w1', ['p-web-1', 'web', 'www'], '10.0.0.2', 'fd42:b0b0::2');
    const v4 = await raw(records, '2.0.0.10.in-addr.arpa', 'PTR');
    expect(v4.answers?.map((a) => [a.type, dataOf(a)])).toEqual([['PTR', 'p-web-1']]);
    const nibbles = '2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.b.0.b.2.4.d.f.ip6.arpa';
    expect((await raw(records, nibbles, 'PTR')).answers?.map(dataOf)).toEqual(['p-web-1']);
    expect(((await raw(records, '9.0.0.10.in-addr.arpa', 'PTR')) as { rcode?: string }).rcode).toBe('NXDOMAIN');
  });

  it('ignores non-DNS bytes and takes IPv4 upstreams only', async () => {
    expect(await answerQuery(Buffer.from([1]), { records: new DnsRecords(), upstreams: [], timeoutMs: 100 })).toBeUndefined();
    expect(upstreamsOf(['10.255.255.53', 'fe80::1'])).toEqual([{ host: '10.255.255.53', port: 53 }]);
  });

  it('truncates a UDP reply too large for the client, and not a TCP one', async () => {
    const records = new DnsRecords();
    for (let i = 2; i < 60; i++) records.register(`w${i}`, ['web'], `10.0.0.${i}`);
    const query = dnsPacket.encode({ type: 'query', id: 9, questions: [{ type: 'A', name: 'web' }] });
    const resolver = { records, upstreams: [], timeoutMs: 100 };
    const overUdp = dnsPacket.decode((await answerQuery(query, resolver, true))!);
    expect(overUdp.flags! & dnsPacket.TRUNCATED_RESPONSE).toBeTruthy();
    expect(overUdp.answers).toEqual([]);
    expect(dnsPacket.decode((await answerQuery(query, resolver, false))!).answers).toHaveLength(58);
  });

  it('reads the host resolvers from a resolv.conf, and none from a missing one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-resolv-'));
    try {
      writeFileSync(join(dir, 'resolv.conf'), 'nameserver 127.0.0.53\noptions edns0\n');
      expect(hostUpstreams(join(dir, 'resolv.conf'))).toEqual([{ host: '127.0.0.53', port: 53 }]);
      expect(hostUpstreams(join(dir, 'missing'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
