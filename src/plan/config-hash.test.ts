/** The config hash: stable, sensitive to runtime attributes, blind to the ones with no runtime effect. */
import { describe, expect, it } from 'vitest';
import { Duration } from '../spec/duration.js';
import type { Service } from '../spec/model.js';
import { canonicalJson, serviceConfigHash } from './config-hash.js';

const base: Service = { name: 'web', image: 'nginx', environment: { A: '1' }, stop_grace_period: new Duration(10e9) };

describe('serviceConfigHash', () => {
  it('is a sha256 hex digest that ignores key order', () => {
    const reordered: Service = { environment: { A: '1' }, stop_grace_period: new Duration(10e9), image: 'nginx', name: 'web' };
    expect(serviceConfigHash(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(serviceConfigHash(reordered)).toBe(serviceConfigHash(base));
  });

  it('leaves out build, pull_policy, scale, deploy.replicas, depends_on and profiles', () => {
    const noisy: Service = {
      ...base,
      build: { context: '/src' },
      pull_policy: 'always',
      scale: 3,
      deploy: { replicas: 3 },
      depends_on: { db: { condition: 'service_started', required: true, restart: false } },
      profiles: ['dev'],
    };
    expect(serviceConfigHash(noisy)).toBe(serviceConfigHash({ ...base, deploy: {} }));
  });

  it('changes with anything that reaches the container', () => {
    const hash = serviceConfigHash(base);
    expect(serviceConfigHash({ ...base, image: 'nginx:2' })).not.toBe(hash);
    expect(serviceConfigHash({ ...base, environment: { A: '2' } })).not.toBe(hash);
    expect(serviceConfigHash({ ...base, stop_grace_period: new Duration(5e9) })).not.toBe(hash);
    expect(serviceConfigHash({ ...base, deploy: { resources: { limits: { memory: 1 } } } })).not.toBe(hash);
  });

  it('serialises durations in Go form inside canonical JSON', () => {
    expect(canonicalJson({ b: 1, a: new Duration(90e9) })).toBe('{"a":"1m30s","b":1}');
  });
});
