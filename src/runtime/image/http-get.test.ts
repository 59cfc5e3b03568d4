import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpGet } from './http-get.js';

/** Two loopback origins: `a` redirects to itself and to `b`; both echo the Authorization they got. */
let a: Server;
let b: Server;
let aUrl = '';
let bUrl = '';

function listen(handler: Parameters<typeof createServer>[1]): Promise<[Server, string]> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    resolve([server, `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`]);
  }));
}

beforeAll(async () => {
  [b, bUrl] = await listen((request, response) => response.end(request.headers.authorization ?? 'none'));
  [a, aUrl] = await listen((request, response) => {
    if (request.url === '/same') response.writeHead(307, { location: '/echo' }).end();
    else if (request.url === '/other') response.writeHead(302, { location: `${bUrl}/echo` }).end();
    else if (request.url === '/loop') response.writeHead(301, { location: '/loop' }).end();
    else response.end(request.headers.authorization ?? 'none');
  });
});
afterAll(async () => {
  for (const server of [a, b]) await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
});

describe('httpGet (loopback servers)', () => {
  it('keeps Authorization on a same-origin redirect and drops it on a redirect to another origin', async () => {
    const same = await httpGet(`${aUrl}/same`, { authorization: 'Bearer t' });
    expect([same.status, (await same.bytes()).toString()]).toEqual([200, 'Bearer t']);
    const other = await httpGet(`${aUrl}/other`, { authorization: 'Bearer t' });
    expect([other.status, (await other.bytes()).toString()]).toEqual([200, 'none']);
  });

  it('gives up on a redirect loop, and rejects with an errno error when nothing listens', async () => {
    await expect(httpGet(`${aUrl}/loop`, {})).rejects.toMatchObject({ code: 'ERR_TOO_MANY_REDIRECTS' });
    const closed = await listen(() => undefined);
    await new Promise<void>((resolve) => closed[0].close(() => resolve()));
    await expect(httpGet(`${closed[1]}/x`, {})).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
