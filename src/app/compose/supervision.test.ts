/** The pure parts of supervisor.json: published ports expanded, and restart policies from both syntaxes. */
import { describe, expect, it } from 'vitest';
import type { Service } from '../../spec/model.js';
import { publishedPorts, restartPolicyOf } from './supervision.js';

const service = (extra: Partial<Service>): Service => ({ name: 'web', ...extra }) as Service;

describe('supervision spec parts', () => {
  it('expands published ports and marks those with no host port ephemeral', () => {
    const ports = publishedPorts(service({ ports: [
      { target: 80, published: '8080', protocol: 'tcp', mode: 'ingress', host_ip: '127.0.0.1' },
      { target: 53, published: '5353-5354', protocol: 'udp', mode: 'ingress' },
      { target: 9000, protocol: 'tcp', mode: 'ingress' },
    ] }));
    expect(ports).toEqual([
      { protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80 },
      { protocol: 'udp', hostIp: '0.0.0.0', hostPort: 5353, containerPort: 53 },
      { protocol: 'udp', hostIp: '0.0.0.0', hostPort: 5354, containerPort: 54 },
      { protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 0, containerPort: 9000, ephemeral: true },
    ]);
  });

  it('reads restart: and deploy.restart_policy', () => {
    expect(restartPolicyOf(service({}))).toEqual({ kind: 'no' });
    expect(restartPolicyOf(service({ restart: 'on-failure:3' }))).toEqual({ kind: 'on-failure', maxRetries: 3 });
    expect(restartPolicyOf(service({ deploy: { restart_policy: { condition: 'on-failure', max_attempts: 2 } } }))).toEqual({ kind: 'on-failure', maxRetries: 2 });
    expect(restartPolicyOf(service({ deploy: { restart_policy: { condition: 'any' } } }))).toEqual({ kind: 'always' });
    expect(restartPolicyOf(service({ deploy: { restart_policy: { condition: 'none' } } }))).toEqual({ kind: 'no' });
  });
});
