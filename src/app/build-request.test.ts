import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Service } from '../spec/model.js';
import { buildRequestOf, buildTag } from './build-request.js';

const context = resolve(import.meta.dirname, '../../fixtures/build/app');

describe('build requests from services', () => {
  it('tags as image: when set, else <project>-<service>, plus build.tags', () => {
    expect(buildTag('shop', 'web', { build: { context } } as Service)).toBe('shop-web');
    const service = { image: 'reg.example/web:2', build: { context, tags: ['web:extra', 'reg.example/web:2'] } } as Service;
    expect(buildRequestOf('shop', 'web', service, {}).tags).toEqual(['reg.example/web:2', 'web:extra']);
  });

  it('puts --build-arg over build.args and maps no_cache, pull, network and ulimits', () => {
    const service = { build: { context, dockerfile: 'Dockerfile', args: { A: '1', B: '2' }, no_cache: true, network: 'host', ulimits: { nofile: { soft: 10, hard: 20 }, nproc: 5 } } } as unknown as Service;
    const request = buildRequestOf('shop', 'web', service, { buildArgs: { B: 'cli' }, pull: true });
    expect(request).toMatchObject({ buildArgs: { A: '1', B: 'cli' }, noCache: true, pull: 'always', network: 'host', ulimits: [{ name: 'nofile', soft: 10, hard: 20 }, { name: 'nproc', soft: 5, hard: 5 }] });
    expect(request.dockerfile.file).toBe('Dockerfile');
  });

  it('takes dockerfile_inline as the Dockerfile and refuses git contexts and unknown networks', () => {
    expect(buildRequestOf('p', 's', { build: { context, dockerfile_inline: 'FROM scratch\n' } } as Service, {}).dockerfile).toEqual({ text: 'FROM scratch\n', file: 'dockerfile_inline' });
    expect(() => buildRequestOf('p', 's', { build: { context: 'https://github.com/x/y.git' } } as Service, {})).toThrow(expect.objectContaining({ code: 'build.remote-context' }));
    expect(() => buildRequestOf('p', 's', { build: { context, network: 'mynet' } } as Service, {})).toThrow(expect.objectContaining({ code: 'build.network-unsupported' }));
  });
});
