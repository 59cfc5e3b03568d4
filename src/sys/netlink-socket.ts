/**
 * A NETLINK_ROUTE socket driven through libc: one blocking request/reply exchange at a time, on a
 * reused receive buffer. The socket belongs to the network namespace the calling thread was in when it
 * was opened (see `withNetns` in netns.ts), so one socket per namespace configures that namespace.
 * Replies are returned raw; encoding and parsing of messages live in runtime/network.
 */
import { check, ERRNO, lastErrno, libc, SysError } from './libc.js';

const AF_NETLINK = 16;
const SOCK_RAW = 3;
const SOCK_CLOEXEC = 0o2000000;
const NETLINK_ROUTE = 0;
const NLMSG_ERROR = 2;
const NLMSG_DONE = 3;

const socketFn = libc.func('int socket(int domain, int type, int protocol)') as (d: number, t: number, p: number) => number;
const sendFn = libc.func('long send(int fd, const void *buf, size_t len, int flags)') as (
  fd: number, buf: Buffer, len: number, flags: number) => number;
const recvFn = libc.func('long recv(int fd, _Out_ void *buf, size_t len, int flags)') as (
  fd: number, buf: Buffer, len: number, flags: number) => number;
const closeFn = libc.func('int close(int fd)') as (fd: number) => number;

/** koffi's form of send() run on a worker thread: the result comes to the callback. */
interface AsyncSend {
  async(fd: number, buf: Buffer, len: number, flags: number, done: (error: unknown, result: number) => void): void;
}

/** One netlink message of a reply: its type, flags and payload (after the 16-byte header). */
export interface NetlinkReply {
  type: number;
  flags: number;
  payload: Buffer;
}

/** A kernel error carried in an NLMSG_ERROR reply, named after the request that caused it. */
export class NetlinkError extends SysError {}

/** A blocking NETLINK_ROUTE socket in the namespace of the thread that opened it. */
export class NetlinkSocket {
  private fd: number;
  private readonly buffer = Buffer.alloc(1 << 16);
  private seq = 1;

  constructor() {
    this.fd = check(socketFn(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE), 'socket', 'netlink route');
  }

  /** The next sequence number to stamp on a request. */
  nextSeq(): number {
    this.seq = (this.seq + 1) >>> 0;
    return this.seq;
  }

  /**
   * Sends one request (header already encoded, with NLM_F_ACK, or NLM_F_DUMP without it) and reads
   * replies until the ACK or NLMSG_DONE; throws NetlinkError for a negative NLMSG_ERROR, naming `what`.
   */
  request(message: Buffer, what: string): NetlinkReply[] {
    check(sendFn(this.fd, message, message.length, 0), 'send', `netlink ${what}`);
    return this.replies(message.readUInt32LE(8), what);
  }

  /**
   * request() with the send on a libuv worker thread. The kernel runs a request inside send(), and some
   * block for tens of ms (deleting a bridge waits out RCU grace periods, and for the rtnl lock held by
   * namespaces being torn down), time the event loop can use. Only for a socket no other request uses
   * meanwhile. A failed send is retried synchronously, which reports the errno of this thread.
   */
  async requestAsync(message: Buffer, what: string): Promise<NetlinkReply[]> {
    const sent = await new Promise<number>((resolve, reject) => {
      (sendFn as unknown as AsyncSend).async(this.fd, message, message.length, 0, (error, n) => (error ? reject(error) : resolve(n)));
    });
    return sent < 0 ? this.request(message, what) : this.replies(message.readUInt32LE(8), what);
  }

  /** Reads replies to request `seq` until its ACK or NLMSG_DONE. */
  private replies(seq: number, what: string): NetlinkReply[] {
    const replies: NetlinkReply[] = [];
    for (;;) {
      const n = this.receive(what);
      for (let at = 0; at + 16 <= n;) {
        const len = this.buffer.readUInt32LE(at);
        const type = this.buffer.readUInt16LE(at + 4);
        const flags = this.buffer.readUInt16LE(at + 6);
        if (len < 16) break;
        if (this.buffer.readUInt32LE(at + 8) === seq) {
          if (type === NLMSG_ERROR) {
            const errno = -this.buffer.readInt32LE(at + 16);
            if (errno !== 0) throw new NetlinkError('netlink', errno, what);
            return replies;
          }
          if (type === NLMSG_DONE) return replies;
          replies.push({ type, flags, payload: Buffer.from(this.buffer.subarray(at + 16, at + len)) });
        }
        at += (len + 3) & ~3;
      }
    }
  }

  private receive(what: string): number {
    for (;;) {
      const n = recvFn(this.fd, this.buffer, this.buffer.length, 0);
      if (n >= 0 || lastErrno() !== ERRNO.EINTR) return check(n, 'recv', `netlink ${what}`);
    }
  }

  /** Closes the socket; safe to call twice. */
  close(): void {
    if (this.fd >= 0) closeFn(this.fd);
    this.fd = -1;
  }
}
