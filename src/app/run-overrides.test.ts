/** The run flags laid over a service: command, entrypoint, env, labels, volumes, user, workdir, tty, ports. */
import { describe, expect, it } from 'vitest';
import type { Service } from '../spec/model.js';
import { portOf, runService, volumeOf } from './run-overrides.js';

const base = {
  name: 'web', image: 'busybox', command: ['httpd'], environment: { A: '1', B: '2' }, labels: { keep: 'yes' },
  ports: [{ target: 80, published: '8080', protocol: 'tcp' }], container_name: 'fixed', volumes: [{ type: 'volume', target: '/data', source: 'd' }],
} as unknown as Service;

const none = { command: [], env: [], labels: [], volumes: [], tty: false, publish: [], servicePorts: false };

describe('runService', () => {
  it('keeps the service but drops its ports and container_name', () => {
    const s = runService(base, none, {});
    expect(s.command).toEqual(['httpd']);
    expect(s.ports).toBeUndefined();
    expect(s.container_name).toBeUndefined();
    expect(s.volumes).toEqual(base.volumes);
  });

  it('lays the flags over it', () => {
    const s = runService(base, {
      command: ['sh', '-c', 'env'], entrypoint: '', env: ['B=3', 'FROM_CALLER', 'UNSET'], labels: ['x=1'], volumes: ['/tmp/h:/data:ro', '/cache'],
      user: '1000:1000', workdir: '/w', tty: true, publish: [], servicePorts: false,
    }, { FROM_CALLER: 'c' });
    expect(s).toMatchObject({ command: ['sh', '-c', 'env'], entrypoint: null, environment: { A: '1', B: '3', FROM_CALLER: 'c' }, labels: { keep: 'yes', x: '1' }, user: '1000:1000', working_dir: '/w', tty: true, stdin_open: true });
    expect(s.volumes).toEqual([{ type: 'bind', source: '/tmp/h', target: '/data', read_only: true, bind: { create_host_path: true } }, { type: 'volume', target: '/cache' }]);
    expect(runService(base, { ...none, entrypoint: '/bin/sh' }, {}).entrypoint).toEqual(['/bin/sh']);
    expect(runService(base, { ...none, entrypoint: 'sh -c "echo a b"' }, {}).entrypoint).toEqual(['sh', '-c', 'echo a b']);
    expect(() => runService(base, { ...none, entrypoint: 'sh "open' }, {})).toThrow(/unclosed quote/);
    expect(runService(base, { ...none, capAdd: ['NET_ADMIN'], capDrop: ['CHOWN'] }, {})).toMatchObject({ cap_add: ['NET_ADMIN'], cap_drop: ['CHOWN'] });
  });

  it('publishes -p ports, and the service ports with --service-ports, recording them in a label', () => {
    const s = runService(base, { ...none, publish: ['127.0.0.1:9000:90/udp'], servicePorts: true }, {});
    const ports = [base.ports![0], { mode: 'ingress', host_ip: '127.0.0.1', published: '9000', target: 90, protocol: 'udp' }];
    expect(s.ports).toEqual(ports);
    expect(JSON.parse(s.labels!['berth.oneoff.ports']!)).toEqual(ports);
    expect(portOf('8000-8001:80-81')).toEqual({ mode: 'ingress', published: '8000-8001', target: 80, protocol: 'tcp' });
    expect(() => portOf('80')).toThrow(/port 80 is not \[IP:\]HOST_PORT:CONTAINER_PORT/);
    expect(() => portOf('1:2/sctp')).toThrow(/is not/);
  });

  it('refuses a label without = and a malformed volume', () => {
    expect(() => runService(base, { ...none, labels: ['x'] }, {})).toThrow(/-l x is not KEY=VALUE/);
    expect(() => volumeOf('a:b:c:d')).toThrow(/volume a:b:c:d is not/);
    expect(() => volumeOf('name:relative')).toThrow(/is not SOURCE:TARGET/);
    expect(volumeOf('cache:/c')).toEqual({ type: 'volume', source: 'cache', target: '/c' });
  });
});
