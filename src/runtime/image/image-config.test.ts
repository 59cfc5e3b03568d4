import { describe, expect, it } from 'vitest';
import { applyImageConfig, type ImageRuntimeConfig } from './image-config.js';

const image: ImageRuntimeConfig = {
  Entrypoint: ['/docker-entrypoint.sh'],
  Cmd: ['nginx', '-g', 'daemon off;'],
  Env: ['PATH=/usr/bin', 'NGINX_VERSION=1.25'],
  WorkingDir: '/srv',
  User: 'www',
  ExposedPorts: { '80/tcp': {} },
  Volumes: { '/var/cache': {} },
  StopSignal: 'SIGQUIT',
  Healthcheck: { Test: ['CMD', 'true'], Interval: 10_000_000_000, Retries: 5 },
};

describe('applyImageConfig', () => {
  it('takes everything from the image when the service says nothing', () => {
    const c = applyImageConfig(image);
    expect(c.argv).toEqual(['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']);
    expect([c.workingDir, c.user, c.stopSignal]).toEqual(['/srv', 'www', 'SIGQUIT']);
    expect(c.exposedPorts).toEqual(['80/tcp']);
    expect(c.volumes).toEqual(['/var/cache']);
    expect(c.healthcheck).toEqual({ test: ['CMD', 'true'], intervalMs: 10_000, timeoutMs: 30_000, startPeriodMs: 0, startIntervalMs: 5_000, retries: 5 });
  });

  it('a command replaces Cmd and keeps the entrypoint', () => {
    expect(applyImageConfig(image, { command: ['sh'] }).argv).toEqual(['/docker-entrypoint.sh', 'sh']);
  });

  it('an entrypoint override clears the image Cmd, as Docker does', () => {
    expect(applyImageConfig(image, { entrypoint: ['/bin/sh'] }).argv).toEqual(['/bin/sh']);
    expect(applyImageConfig(image, { entrypoint: [], command: ['id'] }).argv).toEqual(['id']);
  });

  it('merges env by name and ports as a union', () => {
    const c = applyImageConfig(image, { environment: { NGINX_VERSION: '2', EXTRA: 'x' }, expose: ['8080', '53/UDP'] });
    expect(c.env).toEqual(['PATH=/usr/bin', 'NGINX_VERSION=2', 'EXTRA=x']);
    expect(c.exposedPorts).toEqual(['53/udp', '80/tcp', '8080/tcp']);
  });

  it('overrides healthcheck fields one by one, and disables it', () => {
    expect(applyImageConfig(image, { healthcheck: { timeoutMs: 1_000 } }).healthcheck?.timeoutMs).toBe(1_000);
    expect(applyImageConfig(image, { healthcheck: { timeoutMs: 1_000 } }).healthcheck?.retries).toBe(5);
    expect(applyImageConfig(image, { healthcheck: { disable: true } }).healthcheck).toBeUndefined();
    expect(applyImageConfig({ Healthcheck: { Test: ['NONE'] } }).healthcheck).toBeUndefined();
  });

  it('defaults as Docker does for an empty config', () => {
    const c = applyImageConfig({});
    expect([c.argv, c.workingDir, c.user, c.stopSignal, c.healthcheck]).toEqual([[], '/', '', 'SIGTERM', undefined]);
  });
});
