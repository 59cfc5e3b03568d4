/**
 * Test support: a tiny bearer-token service on 127.0.0.1 for a registry configured with `auth: token`.
 * It signs RS256 JWTs with a throw-away key and certificate (made by openssl), granting the requested
 * scope to the known user and nothing to anyone else, as Docker Hub's auth service does for private repos.
 * Given an identity token, it also grants the user's tokens to an OAuth2 refresh-token POST carrying it.
 */
import { execFileSync } from 'node:child_process';
import { createPrivateKey, randomBytes, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';

export interface TokenServer {
  realm: string;
  service: string;
  issuer: string;
  certPath: string;
  stop: () => Promise<void>;
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** Starts the token service; `user` is the one account it knows, `identityToken` its refresh token. */
export async function startTokenServer(dir: string, user: [string, string], identityToken?: string): Promise<TokenServer> {
  const keyPath = join(dir, 'token.key');
  const certPath = join(dir, 'token.crt');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '1', '-subj', '/CN=berth-test-token'], { stdio: 'ignore' });
  const key = createPrivateKey(readFileSync(keyPath));
  const der = readFileSync(certPath, 'utf8').replace(/-----[^-]+-----|\s/g, '');
  const service = 'berth-test-registry';
  const issuer = 'berth-test-issuer';
  const server: Server = createServer((request, response) => void asked(request, user, identityToken).then(({ who, scope, oauth }) => {
    if (who !== undefined && (who[0] !== user[0] || who[1] !== user[1])) {
      response.writeHead(401).end();
      return;
    }
    const [type, name, actions] = scope.split(':');
    const access = who === undefined || name === undefined ? [] : [{ type, name, actions: (actions ?? '').split(',') }];
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', x5c: [der] }));
    const claims = b64url(JSON.stringify({ iss: issuer, sub: who?.[0] ?? '', aud: service, exp: now + 300, nbf: now - 10, iat: now, jti: randomBytes(8).toString('hex'), access }));
    const signature = b64url(sign('sha256', Buffer.from(`${header}.${claims}`), key));
    const token = `${header}.${claims}.${signature}`;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(oauth ? { access_token: token } : { token }));
  }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    realm: `http://127.0.0.1:${port}/token`, service, issuer, certPath,
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Who asks and for what: a GET with basic auth and a scope parameter, or an OAuth2 refresh-token POST. */
async function asked(request: IncomingMessage, user: [string, string], identityToken: string | undefined): Promise<{ who: [string, string] | undefined; scope: string; oauth: boolean }> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (request.method !== 'POST') return { who: basicUser(request), scope: url.searchParams.get('scope') ?? '', oauth: false };
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  const granted = identityToken !== undefined && form.get('grant_type') === 'refresh_token' && form.get('refresh_token') === identityToken;
  return { who: granted ? user : ['', 'refused'], scope: form.get('scope') ?? '', oauth: true };
}

function basicUser(request: IncomingMessage): [string, string] | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Basic ') !== true) return undefined;
  const text = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return [text.slice(0, colon), text.slice(colon + 1)];
}
