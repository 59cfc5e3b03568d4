/**
 * IPv4 forwarding switches. A non-internal network's bridge forwards (per-interface
 * `net.ipv4.conf.<bridge>.forwarding`, which is what IPv4 checks on input); replies to masqueraded
 * traffic also need the host-wide `net.ipv4.ip_forward`, which is turned on only when it is off and
 * the caller allows it, and then reported so the user knows.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { BerthWarning } from '../../errors/index.js';

const GLOBAL = '/proc/sys/net/ipv4/ip_forward';

/** Turns forwarding on for packets arriving on `bridge`. */
export function enableBridgeForwarding(bridge: string): void {
  writeFileSync(`/proc/sys/net/ipv4/conf/${bridge}/forwarding`, '1');
}

/** Turns on net.ipv4.ip_forward when it is off; returns a warning saying so, or undefined. */
export function ensureHostForwarding(): BerthWarning | undefined {
  if (readFileSync(GLOBAL, 'utf8').trim() === '1') return undefined;
  writeFileSync(GLOBAL, '1');
  return {
    code: 'network.ip-forward-enabled',
    message: 'turned on net.ipv4.ip_forward so containers can reach networks outside the host (it was off)',
  };
}
