/**
 * The pre-flight check for published ports: before anything is created, a host port some socket of
 * the host already holds is an error naming the port and, found through /proc/net/{tcp,udp}[6] and
 * the socket inodes under /proc/<pid>/fd, the process holding it; a port held by one of the caller's own
 * processes (the project's supervisor, already forwarding it) is not in use. Reads /proc only.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { BerthError } from '../../errors/index.js';
import { hostSideText, type PortMapping } from './port-mapping.js';

const TCP_LISTEN = '0A';

/** Throws `network.port-in-use` for the first mapping whose host port is taken (by a process not in `owners`). */
export function checkPortsFree(mappings: PortMapping[], owners: ReadonlySet<number> = new Set()): void {
  const seen = new Set<string>();
  for (const m of mappings) {
    if (m.hostPort === 0) continue;
    const key = `${m.protocol}/${m.hostPort}/${m.hostIp}`;
    if (seen.has(key)) {
      throw new BerthError('conflict', 'network.port-in-use', `host port ${hostSideText(m)} is published twice`,
        { hint: 'publish each host port once' });
    }
    seen.add(key);
    const inode = holderInode(m);
    if (inode === undefined) continue;
    const holder = processHolding(inode);
    if (holder === undefined || !owners.has(holder.pid)) throw inUse(m, holder);
  }
}

/** The socket inode holding `mapping`'s host port, if any. */
function holderInode(m: PortMapping): string | undefined {
  const files = m.protocol === 'tcp' ? ['/proc/net/tcp', '/proc/net/tcp6'] : ['/proc/net/udp', '/proc/net/udp6'];
  for (const file of files) {
    for (const line of readLines(file)) {
      const f = line.trim().split(/\s+/);
      const [addr, portHex] = (f[1] ?? '').split(':');
      if (addr === undefined || portHex === undefined || parseInt(portHex, 16) !== m.hostPort) continue;
      if (m.protocol === 'tcp' && f[3] !== TCP_LISTEN) continue;
      if (addressesClash(addr, m.hostIp)) return f[9];
    }
  }
  return undefined;
}

function addressesClash(procAddr: string, hostIp: string): boolean {
  if (/^0+$/.test(procAddr) || hostIp === '0.0.0.0') return true;
  const v4 = procAddr.length === 32 ? procAddr.slice(24) : procAddr;
  const ip = [6, 4, 2, 0].map((i) => parseInt(v4.slice(i, i + 2), 16)).join('.');
  return ip === hostIp;
}

function inUse(m: PortMapping, holder: { pid: number; comm: string } | undefined): BerthError {
  const by = holder === undefined ? '' : ` by process ${holder.pid} (${holder.comm})`;
  return new BerthError('conflict', 'network.port-in-use', `host port ${hostSideText(m)} is already in use${by}`, {
    hint: 'stop what holds it, or publish the container port on another host port',
  });
}

/** The process with a file descriptor on socket `inode`, if /proc shows one. */
function processHolding(inode: string): { pid: number; comm: string } | undefined {
  const link = `socket:[${inode}]`;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === link) return { pid: Number(pid), comm: readFileSync(`/proc/${pid}/comm`, 'utf8').trim() };
      } catch {
        continue;
      }
    }
  }
  return undefined;
}

function readLines(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(1).filter((l) => l.trim() !== '');
  } catch {
    return [];
  }
}
