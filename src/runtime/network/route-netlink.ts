/**
 * rtnetlink operations berth needs, on one NETLINK_ROUTE socket bound to one network namespace: links
 * (bridge, veth pair with its peer created straight into another namespace), addresses, routes, and
 * dumps of links and routes. Each call is one request and its ACK; nothing spawns a process.
 */
import { createHash } from 'node:crypto';
import { NetlinkSocket } from '../../sys/netlink-socket.js';
import { withNetns } from '../../sys/netns.js';
import { ipBytes } from './ipv4.js';
import { ip6Bytes } from './ipv6.js';
import {
  AF_INET, AF_INET6, attr, attrNested, attrString, attrText, attrU32, IFA, IFA_F_NODAD, ifaddrmsg, IFF_UP, ifinfomsg, IFLA, IFLA_INFO,
  message, NLM_F, parseAttrs, RTA, RTM, rtmsg, VETH_INFO_PEER,
} from './netlink-message.js';

/** A link as listed by a dump. */
export interface LinkInfo {
  index: number;
  name: string;
  master: number | undefined;
}

/** The peer end of a veth pair, created in the namespace open on `nsFd`. */
export interface VethPeer {
  name: string;
  nsFd: number;
  mtu?: number | undefined;
  mac?: string | undefined;
}

const CREATE = NLM_F.ACK | NLM_F.CREATE | NLM_F.EXCL;
const ENODEV = 19;

/** A NETLINK_ROUTE socket in one network namespace. */
export class RouteNetlink {
  private readonly sock: NetlinkSocket;
  private queue: Array<[Buffer, string]> | undefined;

  private constructor(sock: NetlinkSocket) {
    this.sock = sock;
  }

  /** Opens a socket in the caller's namespace, or in the namespace file `nsPath`. */
  static open(nsPath?: string): RouteNetlink {
    return new RouteNetlink(nsPath === undefined ? new NetlinkSocket() : withNetns(nsPath, () => new NetlinkSocket()));
  }

  /** Closes the socket. */
  close(): void {
    this.sock.close();
  }

  /**
   * Creates a bridge named `name`, up, with an optional MTU and a fixed MAC address. Without one the
   * kernel gives the bridge the lowest MAC among its ports, which changes as containers join: their
   * neighbours then still send to the gateway's old MAC, and their packets to it (DNS first) are lost
   * until the neighbour entry is probed again, seconds later.
   */
  createBridge(name: string, mtu?: number): void {
    const info = attrNested(IFLA.LINKINFO, [attrString(IFLA_INFO.KIND, 'bridge')]);
    const parts = [ifinfomsg(0, IFF_UP, IFF_UP), attrString(IFLA.IFNAME, name), attr(IFLA.ADDRESS, bridgeMac(name)), info];
    if (mtu !== undefined) parts.push(attrU32(IFLA.MTU, mtu));
    this.send(RTM.NEWLINK, CREATE, parts, `create bridge ${name}`);
  }

  /**
   * Creates a veth pair: `hostName` here (up, enslaved to `master`), its peer down in another namespace
   * (the kernel refuses IFF_UP on a peer before the pair is linked: ENOTCONN).
   */
  createVeth(hostName: string, master: number, peer: VethPeer): void {
    const peerParts = [ifinfomsg(), attrString(IFLA.IFNAME, peer.name), attrU32(IFLA.NET_NS_FD, peer.nsFd)];
    if (peer.mtu !== undefined) peerParts.push(attrU32(IFLA.MTU, peer.mtu));
    if (peer.mac !== undefined) peerParts.push(attr(IFLA.ADDRESS, macBytes(peer.mac)));
    const info = attrNested(IFLA.LINKINFO, [
      attrString(IFLA_INFO.KIND, 'veth'),
      attrNested(IFLA_INFO.DATA, [attr(VETH_INFO_PEER, Buffer.concat(peerParts))]),
    ]);
    const parts = [ifinfomsg(0, IFF_UP, IFF_UP), attrString(IFLA.IFNAME, hostName), attrU32(IFLA.MASTER, master), info];
    if (peer.mtu !== undefined) parts.push(attrU32(IFLA.MTU, peer.mtu));
    this.send(RTM.NEWLINK, CREATE, parts, `create veth ${hostName}`);
  }

  /** The index of link `name`, or undefined when there is none. */
  linkIndex(name: string): number | undefined {
    try {
      const [reply] = this.sock.request(
        message(RTM.GETLINK, NLM_F.ACK, this.sock.nextSeq(), [ifinfomsg(), attrString(IFLA.IFNAME, name)]), `get link ${name}`);
      return reply?.payload.readInt32LE(4);
    } catch (error) {
      if ((error as { errno?: number }).errno === ENODEV) return undefined;
      throw error;
    }
  }

  /** Sets link `index` up. */
  setUp(index: number, what: string): void {
    this.send(RTM.NEWLINK, NLM_F.ACK, [ifinfomsg(index, IFF_UP, IFF_UP)], `set ${what} up`);
  }

  /** Deletes link `name`; returns false when it did not exist. */
  deleteLink(name: string): boolean {
    try {
      this.send(RTM.DELLINK, NLM_F.ACK, deleteLinkParts(name), `delete link ${name}`);
      return true;
    } catch (error) {
      if ((error as { errno?: number }).errno === ENODEV) return false;
      throw error;
    }
  }

  /**
   * deleteLink in the caller's namespace, on a socket of its own whose send runs off the event loop
   * (NetlinkSocket.requestAsync), so other requests may go on meanwhile on the shared socket.
   */
  static async deleteLinkAsync(name: string): Promise<boolean> {
    const own = new NetlinkSocket();
    try {
      await own.requestAsync(message(RTM.DELLINK, NLM_F.ACK, own.nextSeq(), deleteLinkParts(name)), `delete link ${name}`);
      return true;
    } catch (error) {
      if ((error as { errno?: number }).errno === ENODEV) return false;
      throw error;
    } finally {
      own.close();
    }
  }

  /** Adds IPv4 address `ip`/`prefix` to link `index`. */
  addAddress(index: number, ip: number, prefix: number, what: string): void {
    const parts = [ifaddrmsg(prefix, index), attr(IFA.LOCAL, ipBytes(ip)), attr(IFA.ADDRESS, ipBytes(ip))];
    this.send(RTM.NEWADDR, CREATE, parts, `add address to ${what}`);
  }

  /** Adds IPv6 address `ip`/`prefix` to link `index`, usable at once (no duplicate address detection). */
  addAddress6(index: number, ip: bigint, prefix: number, what: string): void {
    const parts = [ifaddrmsg(prefix, index, AF_INET6), attr(IFA.LOCAL, ip6Bytes(ip)), attr(IFA.ADDRESS, ip6Bytes(ip)), attrU32(IFA.FLAGS, IFA_F_NODAD)];
    this.send(RTM.NEWADDR, CREATE, parts, `add IPv6 address to ${what}`);
  }

  /** Adds the IPv6 default route through `gateway` out of link `index`. */
  addDefaultRoute6(gateway: bigint, index: number): void {
    const parts = [rtmsg(0, 0, AF_INET6), attr(RTA.GATEWAY, ip6Bytes(gateway)), attrU32(RTA.OIF, index)];
    this.send(RTM.NEWROUTE, CREATE, parts, 'add IPv6 default route');
  }

  /** Adds the default route through `gateway` out of link `index`. */
  addDefaultRoute(gateway: number, index: number): void {
    const parts = [rtmsg(0), attr(RTA.GATEWAY, ipBytes(gateway)), attrU32(RTA.OIF, index)];
    this.send(RTM.NEWROUTE, CREATE, parts, 'add default route');
  }

  /** Every link of the namespace. */
  listLinks(): LinkInfo[] {
    const replies = this.sock.request(message(RTM.GETLINK, NLM_F.DUMP, this.sock.nextSeq(), [ifinfomsg()]), 'list links');
    return replies.filter((r) => r.type === RTM.NEWLINK).map((r) => {
      const attrs = parseAttrs(r.payload, 16);
      return { index: r.payload.readInt32LE(4), name: attrText(attrs.get(IFLA.IFNAME)) ?? '', master: attrs.get(IFLA.MASTER)?.readUInt32LE(0) };
    });
  }

  /** Destinations of every IPv4 route in every table, as [network, prefix] pairs (default routes left out). */
  listRouteDestinations(): Array<[number, number]> {
    const dump = Buffer.alloc(12);
    dump.writeUInt8(AF_INET, 0);
    const replies = this.sock.request(message(RTM.GETROUTE, NLM_F.DUMP, this.sock.nextSeq(), [dump]), 'list routes');
    const found: Array<[number, number]> = [];
    for (const r of replies) {
      const prefix = r.payload.readUInt8(1);
      const dst = parseAttrs(r.payload, 12).get(RTA.DST);
      if (r.type === RTM.NEWROUTE && prefix > 0 && dst !== undefined) found.push([dst.readUInt32BE(0), prefix]);
    }
    return found;
  }

  /**
   * Runs `calls` with their requests queued instead of sent, then sends them in order, each off the
   * event loop (NetlinkSocket.requestAsync): the kernel's work (creating a veth pair, bringing links up)
   * then overlaps the caller's. Only on a socket used by nothing else meanwhile; calls that read a reply
   * (linkIndex, the lists) still go at once.
   */
  async deferred(calls: () => void): Promise<void> {
    const queue: Array<[Buffer, string]> = [];
    this.queue = queue;
    try {
      calls();
    } finally {
      this.queue = undefined;
    }
    for (const [request, what] of queue) await this.sock.requestAsync(request, what);
  }

  private send(type: number, flags: number, parts: Buffer[], what: string): void {
    const request = message(type, flags, this.sock.nextSeq(), parts);
    if (this.queue !== undefined) this.queue.push([request, what]);
    else this.sock.request(request, what);
  }
}

/** A locally administered unicast MAC (02:…) derived from the bridge's name, so it is stable too. */
function bridgeMac(name: string): Buffer {
  const mac = createHash('sha256').update(name).digest().subarray(0, 6);
  mac[0] = 0x02;
  return mac;
}

function deleteLinkParts(name: string): Buffer[] {
  return [ifinfomsg(), attrString(IFLA.IFNAME, name)];
}

function macBytes(mac: string): Buffer {
  return Buffer.from(mac.split(':').map((h) => parseInt(h, 16)));
}

let hostNetlink: RouteNetlink | undefined;

/** One netlink socket on the host namespace, opened on first use and kept for the process. */
export function sharedHostNetlink(): RouteNetlink {
  hostNetlink ??= RouteNetlink.open();
  return hostNetlink;
}
