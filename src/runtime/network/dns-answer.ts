/**
 * How berth's DNS server answers one query: A and AAAA records for names registered on the network (all
 * replica addresses, rotated), PTR for the network's registered addresses, an empty NOERROR for other
 * types of a known name, forwarding for dotted unknown names (reverse names of unknown addresses
 * included) when upstreams exist, NXDOMAIN otherwise (single-label names are never sent upstream).
 * Encoding and decoding use the dns-packet library.
 */
import dnsPacket from 'dns-packet';
import { forwardQuery, type Upstream } from './dns-forwarder.js';
import type { DnsRecords } from './dns-records.js';
import { addressOfReverseName } from './reverse-name.js';

const NXDOMAIN = 3;
const SERVFAIL = 2;
const FORMERR = 1;

/** What a network's resolver knows: its names and where to send the rest. */
export interface Resolver {
  records: DnsRecords;
  upstreams: Upstream[];
  timeoutMs: number;
}

/**
 * The reply to `query`, or undefined when it is not a DNS query at all. Over UDP (`udp` true) a reply
 * larger than the client takes (512 bytes, or its EDNS size) is sent empty with TC set, so the client
 * asks again over TCP.
 */
export async function answerQuery(query: Buffer, resolver: Resolver, udp = false): Promise<Buffer | undefined> {
  let packet: dnsPacket.Packet;
  try {
    packet = dnsPacket.decode(query);
  } catch {
    return undefined;
  }
  const question = packet.questions?.[0];
  if (question === undefined) return reply(packet, [], FORMERR);
  const answers = localAnswers(question, resolver.records);
  if (answers !== undefined) {
    const full = reply(packet, answers, 0);
    return udp && full.length > udpLimit(packet) ? reply(packet, [], dnsPacket.TRUNCATED_RESPONSE) : full;
  }
  if (question.name.includes('.') && resolver.upstreams.length > 0) {
    return (await forwardQuery(query, resolver.upstreams, resolver.timeoutMs)) ?? reply(packet, [], SERVFAIL);
  }
  return reply(packet, [], NXDOMAIN);
}

/** The answers berth gives from its own records, or undefined when the name is not its own. */
function localAnswers(question: dnsPacket.Question, records: DnsRecords): dnsPacket.Answer[] | undefined {
  const { name, type } = question;
  if (type === 'PTR') {
    const address = addressOfReverseName(name);
    const names = address === undefined ? [] : records.namesOf(address);
    return names.length === 0 ? undefined : names.map((data) => ({ type: 'PTR' as const, class: 'IN' as const, name, ttl: 0, data }));
  }
  if (!records.has(name)) return undefined;
  if (type === 'A') return records.lookup(name).map((data) => ({ type: 'A' as const, class: 'IN' as const, name, ttl: 0, data }));
  if (type === 'AAAA') return records.lookup6(name).map((data) => ({ type: 'AAAA' as const, class: 'IN' as const, name, ttl: 0, data }));
  return [];
}

function udpLimit(query: dnsPacket.Packet): number {
  const opt = (query.additionals ?? []).find((a) => a.type === 'OPT') as { udpPayloadSize?: number } | undefined;
  return Math.max(512, opt?.udpPayloadSize ?? 512);
}

function reply(query: dnsPacket.Packet, answers: dnsPacket.Answer[], extraFlags: number): Buffer {
  const rd = (query.flags ?? 0) & dnsPacket.RECURSION_DESIRED;
  return dnsPacket.encode({
    type: 'response',
    id: query.id ?? 0,
    flags: dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_AVAILABLE | rd | extraFlags,
    questions: query.questions ?? [],
    answers,
  });
}
