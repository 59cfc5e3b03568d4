import { describe, expect, it } from 'vitest';
import { parseChallenge } from './registry-auth.js';
import { registryBaseUrl } from './registry-client.js';

describe('registry addresses and challenges', () => {
  it('parses a bearer challenge as Docker Hub sends it', () => {
    expect(parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/redis:pull"')).toEqual({
      scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/redis:pull' },
    });
    expect(parseChallenge('Basic realm="x"').scheme).toBe('basic');
  });

  it('speaks plain HTTP only to loopback and listed registries', () => {
    expect(registryBaseUrl('docker.io')).toBe('https://registry-1.docker.io');
    expect(registryBaseUrl('127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    expect(registryBaseUrl('localhost:5000')).toBe('http://localhost:5000');
    expect(registryBaseUrl('[::1]:5000')).toBe('http://[::1]:5000');
    expect(registryBaseUrl('10.0.0.5:5000')).toBe('https://10.0.0.5:5000');
    expect(registryBaseUrl('10.0.0.5:5000', ['10.0.0.5:5000'])).toBe('http://10.0.0.5:5000');
  });

});
