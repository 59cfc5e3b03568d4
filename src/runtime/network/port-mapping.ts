/**
 * Published ports as plain data: one mapping per host port (ranges are expanded here), with
 * `hostPort` 0 meaning "any free port", chosen when the proxy listens. Pure.
 */
import { BerthError } from '../../errors/index.js';

/** One published port. */
export interface PortMapping {
  protocol: 'tcp' | 'udp';
  /** The host address to listen on; `0.0.0.0` for every address of the host. */
  hostIp: string;
  /** 0 = an ephemeral port chosen by the kernel. */
  hostPort: number;
  targetIp: string;
  targetPort: number;
}

/** A range form: `hostPorts` absent = ephemeral ports, one per container port. */
export interface PortRange {
  protocol: 'tcp' | 'udp';
  hostIp: string;
  hostPorts?: [number, number] | undefined;
  targetIp: string;
  targetPorts: [number, number];
}

/** The single mappings of a range; host and container ranges must have the same length. */
export function expandPortRange(range: PortRange): PortMapping[] {
  const [tFirst, tLast] = range.targetPorts;
  const count = tLast - tFirst + 1;
  if (range.hostPorts !== undefined && range.hostPorts[1] - range.hostPorts[0] + 1 !== count) {
    throw new BerthError('invalid', 'network.port-range-mismatch',
      `host port range ${range.hostPorts.join('-')} and container port range ${tFirst}-${tLast} differ in length`,
      { hint: 'give ranges of the same length, or leave the host range out to get ephemeral ports' });
  }
  return Array.from({ length: Math.max(count, 0) }, (_, i) => ({
    protocol: range.protocol,
    hostIp: range.hostIp,
    hostPort: range.hostPorts === undefined ? 0 : range.hostPorts[0] + i,
    targetIp: range.targetIp,
    targetPort: tFirst + i,
  }));
}

/** `8080/tcp` style text of a mapping's host side. */
export function hostSideText(mapping: Pick<PortMapping, 'hostIp' | 'hostPort' | 'protocol'>): string {
  const ip = mapping.hostIp === '0.0.0.0' ? '' : `${mapping.hostIp}:`;
  return `${ip}${mapping.hostPort}/${mapping.protocol}`;
}
