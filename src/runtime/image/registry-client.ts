/**
 * A client of one registry (OCI distribution API): manifests and blobs of its repositories, with the
 * auth dance, redirects (followed by httpGet), retries with back-off on transient failures (network
 * errors, 5xx, 429), and plain HTTP only for loopback hosts or hosts listed as insecure.
 */
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { BerthError } from '../../errors/index.js';
import type { Credentials } from './docker-config.js';
import { httpGet, type HttpResponse } from './http-get.js';
import { MANIFEST_ACCEPT } from './manifest.js';
import { DOCKER_HUB } from './reference.js';
import { authRefused, parseChallenge, RegistryAuth } from './registry-auth.js';

export interface RegistryOptions {
  credentials?: Credentials | undefined;
  /** Hosts (`host[:port]`) that may be spoken to over plain HTTP besides loopback ones. */
  insecureRegistries?: string[] | undefined;
  /** Attempts per request before giving up on transient failures (default 4). */
  attempts?: number | undefined;
}

/** The base URL of a registry's API. */
export function registryBaseUrl(registry: string, insecure: string[] = []): string {
  if (registry === DOCKER_HUB) return 'https://registry-1.docker.io';
  const host = registry.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1';
  return `${loopback || insecure.includes(registry) ? 'http' : 'https'}://${registry}`;
}

export class RegistryClient {
  private readonly auth: RegistryAuth;
  private readonly base: string;

  constructor(readonly registry: string, private readonly options: RegistryOptions = {}) {
    this.auth = new RegistryAuth(registry, options.credentials);
    this.base = registryBaseUrl(registry, options.insecureRegistries);
  }

  /** GETs a manifest by tag or digest; 404s become not-found errors naming `what`. */
  async manifest(repository: string, reference: string, what: string): Promise<{ bytes: Buffer; contentType: string | undefined }> {
    const response = await this.get(repository, `manifests/${reference}`, { accept: MANIFEST_ACCEPT });
    if (response.status === 404) throw await this.notFound(repository, response, what);
    if (!response.ok) {
      response.discard();
      throw unexpected(this.registry, response.status, what);
    }
    return { bytes: await response.bytes(), contentType: response.header('content-type') };
  }

  /** GETs a blob's whole body (small blobs: configs). */
  async blobBytes(repository: string, digest: string, what: string): Promise<Buffer> {
    return (await this.blobResponse(repository, digest, what)).bytes();
  }

  /** Opens a blob as a stream (layers). */
  async blobStream(repository: string, digest: string, what: string): Promise<Readable> {
    return (await this.blobResponse(repository, digest, what)).body;
  }

  /** Checks that the registry accepts this client's credentials (what `berth login` does). */
  async checkLogin(): Promise<void> {
    const response = await this.request(`${this.base}/v2/`, {}, 'registry:catalog:*');
    response.discard();
    if (!response.ok) throw unexpected(this.registry, response.status, `registry ${this.registry}`);
  }

  /** A 404 for a manifest: an unknown tag when the repository lists tags, else an unknown image. */
  private async notFound(repository: string, response: HttpResponse, what: string): Promise<BerthError> {
    type ErrorBody = { errors?: Array<{ code?: string }> };
    const body = await response.bytes().then((bytes) => JSON.parse(bytes.toString('utf8')) as ErrorBody, (): ErrorBody => ({}));
    const tags = body.errors?.[0]?.code === 'NAME_UNKNOWN' ? undefined : await this.get(repository, 'tags/list', {}).catch(() => undefined);
    tags?.discard();
    if (tags?.ok === true) {
      return new BerthError('not-found', 'image.tag-not-found', `${what}: this tag or digest does not exist in its repository`, {
        hint: 'check the tag; the registry has the repository but not this version',
      });
    }
    return new BerthError('not-found', 'image.not-found', `${what} does not exist in its registry`, {
      hint: 'check the image name (and log in, if it is private)',
    });
  }

  private async blobResponse(repository: string, digest: string, what: string): Promise<HttpResponse> {
    const response = await this.get(repository, `blobs/${digest}`, {});
    if (!response.ok) response.discard();
    if (response.status === 404) {
      throw new BerthError('not-found', 'image.blob-not-found', `blob ${digest} of ${what} is missing from registry ${this.registry}`, {
        hint: 'the image is incomplete on the registry: push it again or ask its publisher',
      });
    }
    if (!response.ok) throw unexpected(this.registry, response.status, what);
    return response;
  }

  private async get(repository: string, path: string, headers: Record<string, string>): Promise<HttpResponse> {
    return this.request(`${this.base}/v2/${repository}/${path}`, headers, `repository:${repository}:pull`);
  }

  private async request(url: string, headers: Record<string, string>, scope: string): Promise<HttpResponse> {
    const cached = this.auth.cached(scope);
    let response = await this.fetchWithRetries(url, cached === undefined ? headers : { ...headers, authorization: cached });
    if (response.status === 401) {
      const header = response.header('www-authenticate');
      response.discard();
      if (header === undefined) throw authRefused(this.registry, this.options.credentials !== undefined);
      const authorization = await this.auth.answer(parseChallenge(header), scope);
      response = await this.fetchWithRetries(url, { ...headers, authorization });
    }
    if (response.status === 401 || response.status === 403) {
      response.discard();
      throw authRefused(this.registry, this.options.credentials !== undefined);
    }
    return response;
  }

  private async fetchWithRetries(url: string, headers: Record<string, string>): Promise<HttpResponse> {
    const attempts = this.options.attempts ?? 4;
    for (let attempt = 1; ; attempt += 1) {
      let failure: unknown;
      try {
        const response = await httpGet(url, headers);
        if (response.status < 500 && response.status !== 429) return response;
        response.discard();
        failure = unexpected(this.registry, response.status, url);
      } catch (error) {
        failure = error;
      }
      if (attempt >= attempts) throw unreachable(this.registry, url, failure);
      await sleep(100 * 2 ** (attempt - 1));
    }
  }
}

/** Whether a failure is worth another try (network trouble, server errors). */
export function isTransient(error: unknown): boolean {
  if (error instanceof BerthError) return error.code === 'image.registry-unreachable' || error.code === 'image.registry-unavailable';
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const causeCode = ((error as { cause?: NodeJS.ErrnoException } | undefined)?.cause)?.code ?? '';
  return /ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|EAI_AGAIN/.test(`${code} ${causeCode}`);
}

function unreachable(registry: string, url: string, cause: unknown): BerthError {
  if (cause instanceof BerthError) return cause;
  return new BerthError('system', 'image.registry-unreachable', `cannot reach registry ${registry} (${new URL(url).origin})`, {
    hint: 'check the registry address and that it is running; plain-HTTP registries must be loopback or listed in BERTH_INSECURE_REGISTRIES',
    cause,
  });
}

function unexpected(registry: string, status: number, what: string): BerthError {
  const code = status >= 500 || status === 429 ? 'image.registry-unavailable' : 'image.registry-error';
  return new BerthError('system', code, `registry ${registry} answered ${status} for ${what}`, { hint: 'try again later, or check the registry' });
}
