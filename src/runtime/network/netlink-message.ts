/**
 * Encoding and parsing of rtnetlink messages: the 16-byte nlmsghdr, fixed headers (ifinfomsg,
 * ifaddrmsg, rtmsg) and type-length-value attributes padded to 4 bytes. Pure byte work; the socket is
 * in sys/netlink-socket.ts.
 */

/** Message types and flags of <linux/rtnetlink.h> and <linux/netlink.h> berth uses. */
export const RTM = { NEWLINK: 16, DELLINK: 17, GETLINK: 18, NEWADDR: 20, NEWROUTE: 24, GETROUTE: 26 } as const;
export const NLM_F = { REQUEST: 0x1, ACK: 0x4, EXCL: 0x200, CREATE: 0x400, DUMP: 0x300 } as const;
export const IFLA = { ADDRESS: 1, IFNAME: 3, MTU: 4, MASTER: 10, LINKINFO: 18, NET_NS_FD: 28 } as const;
export const IFLA_INFO = { KIND: 1, DATA: 2 } as const;
export const VETH_INFO_PEER = 1;
export const IFA = { ADDRESS: 1, LOCAL: 2, FLAGS: 8 } as const;
/** IFA_F_NODAD: the address is usable at once, without duplicate address detection. */
export const IFA_F_NODAD = 0x02;
export const RTA = { DST: 1, OIF: 4, GATEWAY: 5 } as const;
export const AF_INET = 2;
export const AF_INET6 = 10;
export const IFF_UP = 0x1;

/** One attribute: a type and its encoded value (children already encoded for nested ones). */
export function attr(type: number, value: Buffer): Buffer {
  const len = 4 + value.length;
  const out = Buffer.alloc(align(len));
  out.writeUInt16LE(len, 0);
  out.writeUInt16LE(type, 2);
  value.copy(out, 4);
  return out;
}

/** A NUL-terminated string attribute. */
export function attrString(type: number, value: string): Buffer {
  return attr(type, Buffer.from(value + '\0', 'utf8'));
}

/** A 32-bit unsigned attribute. */
export function attrU32(type: number, value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value >>> 0, 0);
  return attr(type, b);
}

/** A nested attribute holding `children`. */
export function attrNested(type: number, children: Buffer[]): Buffer {
  return attr(type, Buffer.concat(children));
}

/** struct ifinfomsg: family, type, index, flags, change mask. */
export function ifinfomsg(index = 0, flags = 0, change = 0): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt8(0, 0);
  b.writeInt32LE(index, 4);
  b.writeUInt32LE(flags, 8);
  b.writeUInt32LE(change, 12);
  return b;
}

/** struct ifaddrmsg for an address of `prefix` bits on interface `index` (IPv4 unless `family` says). */
export function ifaddrmsg(prefix: number, index: number, family = AF_INET): Buffer {
  const b = Buffer.alloc(8);
  b.writeUInt8(family, 0);
  b.writeUInt8(prefix, 1);
  b.writeUInt32LE(index, 4);
  return b;
}

/** struct rtmsg for a unicast route of `dstLen` bits in the main table (IPv4 unless `family` says). */
export function rtmsg(dstLen: number, scope = 0, family = AF_INET): Buffer {
  const b = Buffer.alloc(12);
  b.writeUInt8(family, 0);
  b.writeUInt8(dstLen, 1);
  b.writeUInt8(254, 4); // RT_TABLE_MAIN
  b.writeUInt8(4, 5); // RTPROT_STATIC
  b.writeUInt8(scope, 6);
  b.writeUInt8(1, 7); // RTN_UNICAST
  return b;
}

/** A whole message: nlmsghdr (length, type, flags, seq, port 0) followed by `parts`. */
export function message(type: number, flags: number, seq: number, parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(16);
  head.writeUInt32LE(16 + body.length, 0);
  head.writeUInt16LE(type, 4);
  head.writeUInt16LE(flags | NLM_F.REQUEST, 6);
  head.writeUInt32LE(seq, 8);
  return Buffer.concat([head, body]);
}

/** Attributes of a payload after a fixed header of `skip` bytes, by type (the last one wins). */
export function parseAttrs(payload: Buffer, skip: number): Map<number, Buffer> {
  const attrs = new Map<number, Buffer>();
  for (let at = skip; at + 4 <= payload.length;) {
    const len = payload.readUInt16LE(at);
    if (len < 4) break;
    attrs.set(payload.readUInt16LE(at + 2) & 0x3fff, payload.subarray(at + 4, at + len));
    at += align(len);
  }
  return attrs;
}

/** A string attribute's value without its trailing NUL. */
export function attrText(value: Buffer | undefined): string | undefined {
  if (value === undefined) return undefined;
  const end = value.indexOf(0);
  return value.toString('utf8', 0, end < 0 ? value.length : end);
}

function align(len: number): number {
  return (len + 3) & ~3;
}
