import { describe, expect, it } from 'vitest';
import { familiarReference, formatReference, parseReference } from './reference.js';

const D = `sha256:${'a'.repeat(64)}`;

describe('parseReference', () => {
  it.each([
    ['redis', 'docker.io/library/redis:latest'],
    ['redis:7-alpine', 'docker.io/library/redis:7-alpine'],
    ['bitnami/redis:7', 'docker.io/bitnami/redis:7'],
    ['docker.io/redis', 'docker.io/library/redis:latest'],
    ['index.docker.io/library/redis:6', 'docker.io/library/redis:6'],
    ['ghcr.io/org/app:1.2', 'ghcr.io/org/app:1.2'],
    ['localhost/app', 'localhost/app:latest'],
    ['127.0.0.1:5000/a/b/c:v1', '127.0.0.1:5000/a/b/c:v1'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    [`redis@${D}`, `docker.io/library/redis@${D}`],
    [`redis:7@${D}`, `docker.io/library/redis:7@${D}`],
  ])('%s → %s', (text, expected) => {
    expect(formatReference(parseReference(text))).toBe(expected);
  });

  it('shows the familiar form', () => {
    expect(familiarReference(parseReference('redis'))).toBe('redis:latest');
    expect(familiarReference(parseReference('127.0.0.1:5000/x:1'))).toBe('127.0.0.1:5000/x:1');
  });

  it.each(['', 'Redis', 'redis:', 'redis:-bad', 'a//b', 'redis@sha256:12', 'a//b:1', 'redis@@x'])('refuses %j', (text) => {
    expect(() => parseReference(text)).toThrow(/invalid image reference/);
  });
});
