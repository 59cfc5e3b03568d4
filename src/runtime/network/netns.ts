/**
 * Network namespaces as files, like `ip netns add`: `<BERTH_RUN>/netns/<id>` is a bind mount of a new
 * namespace, made by unsharing on the calling thread, mounting /proc/thread-self/ns/net and switching
 * back. The namespace lives while the mount (or a process in it) does. Contract: create is idempotent
 * (an existing mount is kept), delete is umount + unlink and idempotent; the runtime joins the
 * namespace through the file; `lo` is up from the start. A mount namespace cloned while the file is
 * mounted holds a copy of the mount (and so the namespace) until it drops it: containers' mount
 * namespaces must detach the host's mounts (pivot_root + lazy umount of the old root).
 */
import { closeSync, mkdirSync, openSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BerthError } from '../../errors/index.js';
import { NetlinkSocket } from '../../sys/netlink-socket.js';
import { bindMount, detachMount, setNetns, THREAD_NETNS, unshareNetns } from '../../sys/netns.js';
import { statePath, type StateRoots } from '../state-roots.js';
import { ifinfomsg, IFF_UP, message, NLM_F, RTM } from './netlink-message.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** The file of namespace `id` under BERTH_RUN. */
export function netnsPath(roots: StateRoots, id: string): string {
  if (!ID.test(id)) {
    throw new BerthError('invalid', 'network.invalid-netns-id', `network namespace id "${id}" is not a valid name`, {
      hint: 'use letters, digits, ".", "_" and "-", starting with a letter or digit',
    });
  }
  return statePath(roots, 'run', 'netns', id);
}

/** Whether `path` is a mounted namespace file (its device differs from its directory's). */
export function isNetnsMounted(path: string): boolean {
  try {
    return statSync(path).dev !== statSync(dirname(path)).dev;
  } catch {
    return false;
  }
}

/** Creates (or keeps) namespace `id` and returns its file. */
export function createNetns(roots: StateRoots, id: string): string {
  const path = netnsPath(roots, id);
  if (isNetnsMounted(path)) return path;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, '', { mode: 0o444 });
  try {
    mountNewNetns(path);
  } catch (error) {
    unlinkSync(path);
    throw error;
  }
  return path;
}

/** Deletes the namespace file `path`: unmounts it and unlinks it; nothing happens when it is gone. */
export function deleteNetns(path: string): void {
  try {
    detachMount(path);
  } catch (error) {
    const errno = (error as { errno?: number }).errno;
    if (errno !== 22 && errno !== 2) throw error; // EINVAL: not a mount, ENOENT: no file
  }
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** The namespace files under BERTH_RUN whose ids start with `prefix`. */
export function listNetns(roots: StateRoots, prefix = ''): string[] {
  const dir = statePath(roots, 'run', 'netns');
  try {
    return readdirSync(dir).filter((id) => id.startsWith(prefix)).map((id) => join(dir, id));
  } catch {
    return [];
  }
}

function mountNewNetns(path: string): void {
  const home = openSync(THREAD_NETNS, 'r');
  try {
    unshareNetns();
    try {
      bindMount(THREAD_NETNS, path);
      loopbackUp();
    } finally {
      setNetns(home, 'the original network namespace');
    }
  } finally {
    closeSync(home);
  }
}

function loopbackUp(): void {
  const sock = new NetlinkSocket();
  try {
    sock.request(message(RTM.NEWLINK, NLM_F.ACK, sock.nextSeq(), [ifinfomsg(1, IFF_UP, IFF_UP)]), 'set lo up');
  } finally {
    sock.close();
  }
}
