/**
 * OCI and Docker schema 2 manifests and indexes (manifest lists): parsing with checks, and choosing the
 * manifest of a platform from an index. Pure: bytes in, descriptors out.
 */
import { BerthError } from '../../errors/index.js';
import { formatPlatform, platformMatches, type Platform } from './platform.js';

export const MEDIA = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
} as const;

/** The Accept header a registry needs to return any of the manifest kinds berth reads. */
export const MANIFEST_ACCEPT = [MEDIA.ociIndex, MEDIA.dockerList, MEDIA.ociManifest, MEDIA.dockerManifest].join(', ');

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform | undefined;
  urls?: string[] | undefined;
}

export type ManifestDocument =
  | { kind: 'index'; manifests: Descriptor[] }
  | { kind: 'manifest'; config: Descriptor; layers: Descriptor[] };

/** Parses a manifest or index; `what` names it in errors (the reference). */
export function parseManifest(bytes: Buffer, contentType: string | undefined, what: string): ManifestDocument {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  } catch (error) {
    throw badManifest(what, 'it is not JSON', error);
  }
  const mediaType = typeof doc['mediaType'] === 'string' ? doc['mediaType'] : contentType?.split(';')[0]?.trim();
  if (doc['schemaVersion'] !== 2) throw badManifest(what, `schema version ${String(doc['schemaVersion'])} is not supported (only 2)`);
  if (Array.isArray(doc['manifests']) || mediaType === MEDIA.ociIndex || mediaType === MEDIA.dockerList) {
    return { kind: 'index', manifests: descriptors(doc['manifests'], what) };
  }
  const config = descriptors([doc['config']], what)[0]!;
  return { kind: 'manifest', config, layers: descriptors(doc['layers'], what) };
}

/** The manifest for `platform` in an index, or a no-platform error listing what there is. */
export function selectPlatform(manifests: Descriptor[], platform: Platform, what: string): Descriptor {
  const candidates = manifests.filter((m) => m.platform !== undefined && platformMatches(m.platform, platform));
  const chosen = candidates[0];
  if (chosen !== undefined) return chosen;
  const available = manifests.flatMap((m) => (m.platform === undefined || m.platform.os === 'unknown' ? [] : [formatPlatform(m.platform)]));
  throw new BerthError('not-found', 'image.no-platform', `${what} has no manifest for platform ${formatPlatform(platform)}`, {
    hint: `choose one of its platforms (${available.join(', ') || 'none listed'}) with the service's platform: attribute`,
  });
}

function descriptors(value: unknown, what: string): Descriptor[] {
  if (!Array.isArray(value)) throw badManifest(what, 'a descriptor list is missing');
  return value.map((raw: unknown) => {
    const d = raw as Record<string, unknown> | null;
    if (d === null || typeof d !== 'object' || typeof d['digest'] !== 'string' || typeof d['size'] !== 'number') {
      throw badManifest(what, 'a descriptor lacks its digest or size');
    }
    if (!/^sha256:[a-f0-9]{64}$/.test(d['digest'])) throw badManifest(what, `digest '${d['digest']}' is not sha256`);
    const p = d['platform'] as Record<string, string> | undefined;
    return {
      mediaType: typeof d['mediaType'] === 'string' ? d['mediaType'] : '',
      digest: d['digest'],
      size: d['size'],
      platform: p === undefined ? undefined : { os: p['os'] ?? '', architecture: p['architecture'] ?? '', variant: p['variant'] },
      urls: Array.isArray(d['urls']) ? (d['urls'] as string[]) : undefined,
    };
  });
}

function badManifest(what: string, why: string, cause?: unknown): BerthError {
  return new BerthError('invalid', 'image.bad-manifest', `the manifest of ${what} is invalid: ${why}`, {
    hint: 'the image or registry serves something berth cannot read: check the image with its publisher', cause,
  });
}
