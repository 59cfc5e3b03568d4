import { describe, expect, it } from 'vitest';
import { MEDIA, parseManifest, selectPlatform } from './manifest.js';
import { hostPlatform, parsePlatform, platformMatches } from './platform.js';

const digest = (c: string): string => `sha256:${c.repeat(64)}`;
const entry = (c: string, architecture: string, variant?: string) => ({
  mediaType: MEDIA.ociManifest, digest: digest(c), size: 10, platform: { os: 'linux', architecture, ...(variant ? { variant } : {}) },
});

describe('manifests and platforms', () => {
  it('reads an OCI manifest and a Docker manifest list', () => {
    const manifest = parseManifest(Buffer.from(JSON.stringify({
      schemaVersion: 2, mediaType: MEDIA.ociManifest,
      config: { mediaType: MEDIA.ociConfig, digest: digest('c'), size: 2 },
      layers: [{ mediaType: MEDIA.ociLayerGzip, digest: digest('a'), size: 3 }],
    })), undefined, 'image x');
    expect(manifest).toMatchObject({ kind: 'manifest', config: { digest: digest('c') }, layers: [{ size: 3 }] });
    const list = parseManifest(Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: [entry('a', 'amd64')] })), MEDIA.dockerList, 'image x');
    expect(list.kind).toBe('index');
  });

  it('refuses schema 1, bad JSON and non-sha256 digests, naming the image', () => {
    expect(() => parseManifest(Buffer.from('{"schemaVersion":1}'), undefined, "image 'old'")).toThrow(/the manifest of image 'old' is invalid: schema version 1/);
    expect(() => parseManifest(Buffer.from('nope'), undefined, 'image y')).toThrow(/not JSON/);
    expect(() => parseManifest(Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: [{ digest: 'md5:1', size: 1 }] })), undefined, 'image z')).toThrow(/not sha256/);
  });

  it('selects the platform, treating arm64 and arm64/v8 alike', () => {
    const index = [entry('a', 'amd64'), entry('b', 'arm64', 'v8'), entry('c', 'arm', 'v7')];
    expect(selectPlatform(index, parsePlatform('linux/amd64'), 'x').digest).toBe(digest('a'));
    expect(selectPlatform(index, parsePlatform('linux/arm64'), 'x').digest).toBe(digest('b'));
    expect(selectPlatform(index, hostPlatform('arm64'), 'x').digest).toBe(digest('b'));
    expect(() => selectPlatform(index, parsePlatform('linux/arm/v6'), "image 'y'"))
      .toThrow(/image 'y' has no manifest for platform linux\/arm\/v6/);
    expect(platformMatches({ os: 'linux', architecture: 'arm', variant: 'v7' }, { os: 'linux', architecture: 'arm' })).toBe(true);
  });

  it('maps process.arch to OCI platforms and parses platform text', () => {
    expect(hostPlatform('x64')).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(parsePlatform('linux/arm64/v8')).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' });
    expect(() => parsePlatform('a/b/c/d')).toThrow(/invalid platform/);
  });
});
