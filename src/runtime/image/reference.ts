/**
 * Image references parsed as Docker does: `redis` → docker.io/library/redis:latest, `host:port/a/b:tag`,
 * `name@sha256:…`. Pure; a parsed reference is always fully qualified (registry, repository, and a tag
 * or a digest), so it is the key of the store's reference index.
 */
import { BerthError } from '../../errors/index.js';

/** A fully qualified image reference. */
export interface ImageReference {
  /** Registry host (and port), `docker.io` for Docker Hub. */
  registry: string;
  /** Repository path, `library/redis` for official Docker Hub images. */
  repository: string;
  tag: string | undefined;
  /** `sha256:<hex>` when the reference pins a digest. */
  digest: string | undefined;
}

export const DOCKER_HUB = 'docker.io';
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?$|^\[[0-9a-fA-F:]+\](?::[0-9]+)?$/;

/** Parses `text` into a qualified reference; a reference without tag or digest gets `latest`. */
export function parseReference(text: string): ImageReference {
  const invalid = (why: string): BerthError =>
    new BerthError('invalid', 'image.invalid-reference', `invalid image reference '${text}': ${why}`, {
      hint: 'write it as [registry[:port]/]name[:tag][@sha256:digest], e.g. redis:7 or ghcr.io/org/app:1.2',
    });
  let rest = text.trim();
  if (rest === '') throw invalid('it is empty');
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw invalid(`'${digest}' is not a sha256 digest`);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw invalid(`'${tag}' is not a valid tag`);
  }
  const { registry, repository } = splitName(rest, invalid);
  return { registry, repository, tag: tag ?? (digest === undefined ? 'latest' : undefined), digest };
}

function splitName(name: string, invalid: (why: string) => BerthError): { registry: string; repository: string } {
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const hasHost = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase());
  let registry = hasHost ? first : DOCKER_HUB;
  let repository = hasHost ? name.slice(slash + 1) : name;
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  if (!HOST.test(registry)) throw invalid(`'${registry}' is not a registry host`);
  if (repository === '') throw invalid('the name is empty');
  for (const part of repository.split('/')) {
    if (!COMPONENT.test(part)) throw invalid(`'${part}' must be lowercase letters, digits and separators (. _ __ -)`);
  }
  return { registry, repository };
}

/** The canonical text of a reference: `docker.io/library/redis:latest`, `host/x@sha256:…`. */
export function formatReference(ref: ImageReference): string {
  const tag = ref.tag === undefined ? '' : `:${ref.tag}`;
  const digest = ref.digest === undefined ? '' : `@${ref.digest}`;
  return `${ref.registry}/${ref.repository}${tag}${digest}`;
}

/** The short form Docker shows: `redis:latest`, `org/app:1`, `ghcr.io/org/app:1.2`. */
export function familiarReference(ref: ImageReference): string {
  let name = `${ref.registry}/${ref.repository}`;
  if (ref.registry === DOCKER_HUB) name = ref.repository.replace(/^library\//, '');
  return `${name}${ref.tag === undefined ? '' : `:${ref.tag}`}${ref.digest === undefined ? '' : `@${ref.digest}`}`;
}

/** The same repository with another tag or digest (e.g. to name a manifest by digest). */
export function withDigest(ref: ImageReference, digest: string): ImageReference {
  return { registry: ref.registry, repository: ref.repository, tag: undefined, digest };
}

/** Whether `text` is a `sha256:<hex>` digest. */
export function isDigest(text: string): boolean {
  return DIGEST.test(text);
}
