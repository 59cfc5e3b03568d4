/**
 * Test support: a loopback front for a test registry that answers each blob's first request with 503
 * and later ones with a 307 redirect to the registry itself, so retries and blob redirects are exercised
 * against real HTTP. Manifests and the API root are passed through.
 */
import { createServer } from 'node:http';

export interface FlakyProxy {
  host: string;
  /** How many 503s and redirects were served. */
  counts: { failed: number; redirected: number };
  stop: () => Promise<void>;
}

/** Starts the proxy in front of `registryHost`. */
export async function startFlakyProxy(registryHost: string): Promise<FlakyProxy> {
  const seen = new Set<string>();
  const counts = { failed: 0, redirected: 0 };
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    if (path.includes('/blobs/')) {
      if (!seen.has(path)) {
        seen.add(path);
        counts.failed += 1;
        response.writeHead(503).end();
        return;
      }
      counts.redirected += 1;
      response.writeHead(307, { location: `http://${registryHost}${path}` }).end();
      return;
    }
    fetch(`http://${registryHost}${path}`, { headers: { accept: request.headers.accept ?? '*/*' } }).then(async (upstream) => {
      response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      response.end(Buffer.from(await upstream.arrayBuffer()));
    }, () => response.writeHead(502).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    host: `127.0.0.1:${port}`,
    counts,
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
