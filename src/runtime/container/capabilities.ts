/**
 * Capability policy: Docker's default 14 capabilities, `cap_add`/`cap_drop` (names with or without the
 * CAP_ prefix, `ALL`), `privileged` (every capability the caller has). The result is what the helper
 * keeps in the bounding, permitted and effective sets; inheritable and ambient are always empty.
 */
import { readFileSync } from 'node:fs';
import { BerthError } from '../../errors/index.js';

/** Linux capability numbers by name (without CAP_). */
export const CAPABILITIES: Readonly<Record<string, number>> = {
  CHOWN: 0, DAC_OVERRIDE: 1, DAC_READ_SEARCH: 2, FOWNER: 3, FSETID: 4, KILL: 5, SETGID: 6, SETUID: 7,
  SETPCAP: 8, LINUX_IMMUTABLE: 9, NET_BIND_SERVICE: 10, NET_BROADCAST: 11, NET_ADMIN: 12, NET_RAW: 13,
  IPC_LOCK: 14, IPC_OWNER: 15, SYS_MODULE: 16, SYS_RAWIO: 17, SYS_CHROOT: 18, SYS_PTRACE: 19, SYS_PACCT: 20,
  SYS_ADMIN: 21, SYS_BOOT: 22, SYS_NICE: 23, SYS_RESOURCE: 24, SYS_TIME: 25, SYS_TTY_CONFIG: 26, MKNOD: 27,
  LEASE: 28, AUDIT_WRITE: 29, AUDIT_CONTROL: 30, SETFCAP: 31, MAC_OVERRIDE: 32, MAC_ADMIN: 33, SYSLOG: 34,
  WAKE_ALARM: 35, BLOCK_SUSPEND: 36, AUDIT_READ: 37, PERFMON: 38, BPF: 39, CHECKPOINT_RESTORE: 40,
};

/** Docker's default capability set. */
export const DEFAULT_CAPABILITIES: readonly string[] = [
  'CHOWN', 'DAC_OVERRIDE', 'FSETID', 'FOWNER', 'MKNOD', 'NET_RAW', 'SETGID', 'SETUID', 'SETFCAP', 'SETPCAP',
  'NET_BIND_SERVICE', 'SYS_CHROOT', 'KILL', 'AUDIT_WRITE',
];

/** What a container asks for. */
export interface CapabilityRequest {
  capAdd?: readonly string[] | undefined;
  capDrop?: readonly string[] | undefined;
  privileged?: boolean | undefined;
}

function normalise(name: string, container: string): string | 'ALL' {
  const upper = name.toUpperCase().replace(/^CAP_/, '');
  if (upper === 'ALL' || CAPABILITIES[upper] !== undefined) return upper;
  throw new BerthError('invalid', 'container.unknown-capability', `container ${container}: unknown capability ${name}`, {
    hint: `use a name like NET_ADMIN or CAP_NET_ADMIN (known: ${Object.keys(CAPABILITIES).join(', ')})`,
  });
}

/** The capability numbers in this process's bounding set (what a container can possibly get). */
export function hostBoundingSet(): Set<number> {
  const status = readFileSync('/proc/self/status', 'utf8');
  const hex = /^CapBnd:\s*([0-9a-f]+)$/m.exec(status)?.[1] ?? '0';
  const mask = BigInt(`0x${hex}`);
  return new Set(Object.values(CAPABILITIES).filter((n) => (mask >> BigInt(n)) & 1n));
}

/** The capability numbers to keep for a request, limited to what the host can give. */
export function capabilitySet(request: CapabilityRequest, container: string, host: Set<number> = hostBoundingSet()): number[] {
  const all = Object.keys(CAPABILITIES);
  const add = (request.capAdd ?? []).map((n) => normalise(n, container));
  const drop = (request.capDrop ?? []).map((n) => normalise(n, container));
  let names = new Set(request.privileged === true || add.includes('ALL') ? all : DEFAULT_CAPABILITIES);
  for (const name of add) if (name !== 'ALL') names.add(name);
  if (drop.includes('ALL')) names = new Set(add.filter((n) => n !== 'ALL'));
  for (const name of drop) names.delete(name);
  return [...names].map((n) => CAPABILITIES[n]!).filter((n) => host.has(n)).sort((a, b) => a - b);
}
