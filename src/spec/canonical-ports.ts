/**
 * Ports in long form. Short syntax `[[ip:]published:]target[/protocol]` (ranges on either side, IPv6 host
 * IPs in brackets) expands to one entry per container port; every port number is checked to be in range,
 * and a bad entry is an error that quotes it and says which part is wrong.
 */
import { formatPath, type ModelPath } from './locator.js';
import { invalidAt, toNumber, toText, type CanonicalContext } from './canonical-context.js';
import { splitPortSpec } from './merge.js';
import type { Port } from './model.js';
import { isMap, isSeq, type Tree, type TreeMap } from './tree.js';

const PROTOCOLS = ['tcp', 'udp', 'sctp'];

/** The long form of a service's `ports` list. */
export function canonicalPorts(ctx: CanonicalContext, value: Tree, path: ModelPath): Port[] {
  if (!isSeq(value)) return [];
  return value.flatMap((item, i) => (isMap(item) ? [longPort(ctx, item, [...path, i])] : shortPort(ctx, toText(item), [...path, i])));
}

function longPort(ctx: CanonicalContext, item: TreeMap, path: ModelPath): Port {
  const target = toNumber(ctx, item['target'] ?? null, [...path, 'target']);
  checkRange(ctx, target, 1, path, `target port ${target}`, String(target));
  const port: Port = { mode: item['mode'] === undefined ? 'ingress' : toText(item['mode']), target, protocol: item['protocol'] === undefined ? 'tcp' : toText(item['protocol']).toLowerCase() };
  if (item['name'] !== undefined) port.name = toText(item['name']);
  if (item['host_ip'] !== undefined) port.host_ip = toText(item['host_ip']);
  if (item['published'] !== undefined && item['published'] !== null && item['published'] !== '') {
    const published = toText(item['published']);
    parseRange(ctx, published, path, published, 'published port', 0);
    port.published = published;
  }
  if (item['app_protocol'] !== undefined) port.app_protocol = toText(item['app_protocol']);
  checkProtocol(ctx, port.protocol, path, port.protocol);
  return port;
}

function shortPort(ctx: CanonicalContext, text: string, path: ModelPath): Port[] {
  const slash = text.indexOf('/');
  const spec = slash < 0 ? text : text.slice(0, slash);
  const protocol = slash < 0 ? 'tcp' : text.slice(slash + 1).toLowerCase();
  checkProtocol(ctx, protocol, path, text);
  const parts = splitPortSpec(spec);
  if (parts.hostIp !== '' && !isIp(parts.hostIp)) throw portError(ctx, path, text, `host IP "${parts.hostIp}" is not an IP address`);
  const targets = parseRange(ctx, parts.target, path, text, 'container port', 1);
  const published = parts.published === '' ? undefined : parseRange(ctx, parts.published, path, text, 'published port', 0);
  if (published !== undefined && targets.length > 1 && published.length !== targets.length) {
    throw portError(ctx, path, text, `the published range has ${published.length} ports but the container range has ${targets.length}`);
  }
  return targets.map((target, i) => {
    const port: Port = { mode: 'ingress', target, protocol };
    if (parts.hostIp !== '') port.host_ip = parts.hostIp;
    if (published !== undefined) port.published = targets.length > 1 ? String(published[i]) : parts.published;
    return port;
  });
}

function parseRange(ctx: CanonicalContext, text: string, path: ModelPath, whole: string, what: string, min: number): number[] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (m === null) throw portError(ctx, path, whole, `${what} "${text}" is not a number or a range like 8000-8010`);
  const first = Number(m[1]);
  const last = m[2] === undefined ? first : Number(m[2]);
  checkRange(ctx, first, min, path, `${what} ${first}`, whole);
  checkRange(ctx, last, min, path, `${what} ${last}`, whole);
  if (last < first) throw portError(ctx, path, whole, `the range ${text} ends before it starts`);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

function checkRange(ctx: CanonicalContext, port: number, min: number, path: ModelPath, what: string, whole: string): void {
  if (port < min || port > 65535) throw portError(ctx, path, whole, `${what} is out of range ${min}-65535`);
}

function checkProtocol(ctx: CanonicalContext, protocol: string, path: ModelPath, whole: string): void {
  if (!PROTOCOLS.includes(protocol)) throw portError(ctx, path, whole, `protocol "${protocol}" is not tcp, udp or sctp`);
}

function isIp(text: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4 !== null) return v4.slice(1).every((n) => Number(n) <= 255);
  return /^[0-9a-fA-F:]+$/.test(text) && text.includes(':');
}

function portError(ctx: CanonicalContext, path: ModelPath, text: string, reason: string) {
  return invalidAt(ctx, path, 'spec.invalid-port', `invalid port "${text}" in ${formatPath(path)}: ${reason}`, 'write [[host_ip:]published:]target[/protocol], e.g. "8080:80", "127.0.0.1:5432:5432" or "9000-9002:9000-9002/udp"');
}

