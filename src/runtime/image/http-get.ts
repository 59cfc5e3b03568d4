/**
 * GET over node:http / node:https for the registry client: the body is the socket's own Readable (no web
 * stream layer, whose per-chunk promises cost a layer pull a good share of its CPU), redirects are
 * followed (at most 10) and the Authorization header is dropped when one leaves the first origin, as
 * fetch does, so a blob store behind a redirect never sees registry credentials.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;
const IDLE_TIMEOUT_MS = 5 * 60_000;
/** Bodies up to this size are drained on discard (keeping the connection); larger ones are cut. */
const DRAIN_LIMIT = 64 * 1024;

/** A response whose body has not been read yet. */
export interface HttpResponse {
  status: number;
  ok: boolean;
  /** A header's value (lowercase name), the first when repeated. */
  header(name: string): string | undefined;
  /** The body as a stream (read it, or call `discard`). */
  body: IncomingMessage;
  /** The whole body. */
  bytes(): Promise<Buffer>;
  /** Drops the body. */
  discard(): void;
}

/** GETs `url` with `headers`, following redirects. Network failures reject with Node's errno errors. */
export async function httpGet(url: string, headers: Record<string, string>): Promise<HttpResponse> {
  const origin = new URL(url).origin;
  let target = new URL(url);
  for (let hop = 0; ; hop += 1) {
    const sent = target.origin === origin ? headers : withoutAuthorization(headers);
    const message = await send(target, sent);
    const location = message.headers.location;
    if (!REDIRECTS.has(message.statusCode ?? 0) || location === undefined) return wrap(message);
    message.resume();
    if (hop >= MAX_REDIRECTS) throw Object.assign(new Error(`too many redirects from ${url}`), { code: 'ERR_TOO_MANY_REDIRECTS' });
    target = new URL(location, target);
  }
}

function send(url: URL, headers: Record<string, string>): Promise<IncomingMessage> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers }, resolve);
    req.setTimeout(IDLE_TIMEOUT_MS, () => req.destroy(Object.assign(new Error(`no data from ${url.origin} for ${IDLE_TIMEOUT_MS / 1000} s`), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end();
  });
}

function wrap(message: IncomingMessage): HttpResponse {
  const status = message.statusCode ?? 0;
  return {
    status,
    ok: status >= 200 && status < 300,
    header: (name) => {
      const value = message.headers[name];
      return Array.isArray(value) ? value[0] : value;
    },
    body: message,
    bytes: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of message) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    discard: () => {
      const length = Number(message.headers['content-length'] ?? Infinity);
      if (length <= DRAIN_LIMIT) message.resume();
      else message.destroy();
    },
  };
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== 'authorization'));
}
