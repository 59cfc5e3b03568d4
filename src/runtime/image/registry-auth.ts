/**
 * Registry authentication as the distribution spec describes it: a 401 carries a WWW-Authenticate
 * challenge; `Basic` is answered with the stored credentials, `Bearer` by fetching a token from the realm
 * (anonymously, or with the credentials) for the challenge's service and scope, or, for an identity token,
 * by the OAuth2 refresh-token grant (a form POST to the realm) as Docker does. Tokens are cached per scope.
 */
import { BerthError } from '../../errors/index.js';
import type { Credentials } from './docker-config.js';

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses a WWW-Authenticate header (`Bearer realm="…",service="…",scope="…"`). */
export function parseChallenge(header: string): Challenge {
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const params: Record<string, string> = {};
  for (const m of header.slice(space + 1).matchAll(/([a-zA-Z_]+)=(?:"([^"]*)"|([^,\s]*))/g)) params[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? '';
  return { scheme, params };
}

/** Answers challenges with Authorization header values, fetching and caching bearer tokens. */
export class RegistryAuth {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly registry: string, private readonly credentials: Credentials | undefined) {}

  /** The Authorization value already known for a scope, if any. */
  cached(scope: string): string | undefined {
    return this.tokens.get(scope);
  }

  /** Answers a challenge for `scope`; returns the Authorization header value. */
  async answer(challenge: Challenge, scope: string): Promise<string> {
    if (challenge.scheme === 'basic') {
      if (this.credentials === undefined || this.credentials.identityToken !== undefined) throw authRequired(this.registry);
      return this.remember(scope, `Basic ${basic(this.credentials)}`);
    }
    if (challenge.scheme !== 'bearer' || challenge.params['realm'] === undefined) {
      throw new BerthError('system', 'image.auth-unsupported', `registry ${this.registry} asks for '${challenge.scheme}' authentication, which berth does not speak`, {
        hint: 'use a registry with Basic or Bearer token authentication',
      });
    }
    return this.remember(scope, `Bearer ${await this.fetchToken(challenge, scope)}`);
  }

  private async fetchToken(challenge: Challenge, scope: string): Promise<string> {
    const url = new URL(challenge.params['realm']!);
    if (challenge.params['service'] !== undefined) url.searchParams.set('service', challenge.params['service']);
    url.searchParams.set('scope', challenge.params['scope'] ?? scope);
    const [target, init] = this.tokenRequest(url);
    const response = await fetch(target, init).catch((error: unknown) => {
      throw new BerthError('system', 'image.registry-unreachable', `cannot reach the token service ${url.origin} of ${this.registry}`, {
        hint: 'check the network and the registry address', cause: error,
      });
    });
    if (response.status === 401 || response.status === 403) throw authRefused(this.registry, this.credentials !== undefined);
    if (!response.ok) throw new BerthError('system', 'image.auth-failed', `the token service of ${this.registry} answered ${response.status}`, { hint: 'try again later' });
    const body = (await response.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (token === undefined) throw new BerthError('system', 'image.auth-failed', `the token service of ${this.registry} sent no token`, { hint: 'try again later' });
    return token;
  }

  /** A GET with basic credentials (or none), or for an identity token the refresh-token grant (a POST to the realm). */
  private tokenRequest(url: URL): [URL, RequestInit] {
    const identityToken = this.credentials?.identityToken;
    if (identityToken === undefined) {
      return [url, { headers: this.credentials === undefined ? {} : { authorization: `Basic ${basic(this.credentials)}` } }];
    }
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: identityToken, client_id: 'berth' });
    for (const key of ['service', 'scope']) form.set(key, url.searchParams.get(key) ?? '');
    const realm = new URL(url);
    realm.search = '';
    return [realm, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() }];
  }

  private remember(scope: string, value: string): string {
    this.tokens.set(scope, value);
    return value;
  }
}

function basic(credentials: Credentials): string {
  return Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
}

/** The registry wants credentials berth does not have. */
export function authRequired(registry: string): BerthError {
  return new BerthError('precondition', 'image.auth-required', `registry ${registry} requires authentication`, {
    hint: `log in first: berth login ${registry}`,
  });
}

/** The registry refused the credentials (or anonymous access). */
export function authRefused(registry: string, withCredentials: boolean): BerthError {
  return new BerthError('precondition', 'image.auth-refused', `registry ${registry} refused ${withCredentials ? 'the stored credentials' : 'anonymous access'}`, {
    hint: withCredentials ? `check the user and password: berth login ${registry}` : `log in first: berth login ${registry}`,
  });
}
