/**
 * How berth's DNS server answers one query: A records for names registered on the network (all replica
 * addresses, rotated), an empty NOERROR for other types of a known name, forwarding for dotted unknown
 * names when upstreams exist, NXDOMAIN otherwise (single-label names are never sent upstream).
 * Encoding and decoding use the dns-packet library.
 */
import dnsPacket from 'dns-packet';
import { forwardQuery, type Upstream } from './dns-forwarder.js';
import type { DnsRecords } from './dns-records.js';

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
  if (resolver.records.has(question.name)) {
    const addresses = question.type === 'A' ? resolver.records.lookup(question.name) : [];
    const full = reply(packet, addresses.map((data) => ({ type: 'A' as const, class: 'IN' as const, name: question.name, ttl: 0, data })), 0);
    return udp && full.length > udpLimit(packet) ? reply(packet, [], dnsPacket.TRUNCATED_RESPONSE) : full;
  }
  if (question.name.includes('.') && resolver.upstreams.length > 0) {
    return (await forwardQuery(query, resolver.upstreams, resolver.timeoutMs)) ?? reply(packet, [], SERVFAIL);
  }
  return reply(packet, [], NXDOMAIN);
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
