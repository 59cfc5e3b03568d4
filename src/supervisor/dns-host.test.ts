import { afterAll, describe, expect, it } from 'vitest';
import { queryA } from '../runtime/network/test-support/dns-client.js';
import { DnsHost } from './dns-host.js';
import type { SupervisedNetwork } from './supervision-spec.js';

function network(records: SupervisedNetwork['records']): SupervisedNetwork {
  return { name: 'sv-dns_default', gateway: '127.0.0.1', dns: { host: '127.0.0.1', port: 0 }, upstreams: [], records };
}

describe('hosted DNS servers (loopback)', () => {
  const host = new DnsHost();
  afterAll(() => host.close());

  it('answers the spec, follows a reload at once, and drops stopped containers', async () => {
    expect(await host.apply([network([{ owner: 'c1', names: ['web'], address: '10.231.200.2' }])])).toEqual([]);
    const port = host.status()[0]!.port;
    expect((await queryA('127.0.0.1', port, 'web')).addresses).toEqual(['10.231.200.2']);
    await host.apply([network([{ owner: 'c1', names: ['web'], address: '10.231.200.2' }, { owner: 'c2', names: ['web', 'api'], address: '10.231.200.3' }])]);
    expect(host.status()[0]!.port).toBe(port);
    expect((await queryA('127.0.0.1', port, 'api')).addresses).toEqual(['10.231.200.3']);
    host.setRunning('c2', false);
    expect((await queryA('127.0.0.1', port, 'api')).rcode).toBe('NXDOMAIN');
    expect((await queryA('127.0.0.1', port, 'web')).addresses).toEqual(['10.231.200.2']);
    host.setRunning('c2', true);
    expect((await queryA('127.0.0.1', port, 'api')).addresses).toEqual(['10.231.200.3']);
    await host.apply([network([{ owner: 'c2', names: ['api'], address: '10.231.200.3' }])]);
    expect((await queryA('127.0.0.1', port, 'web')).rcode).toBe('NXDOMAIN');
  });

  it('closes servers of removed networks', async () => {
    const port = host.status()[0]!.port;
    await host.apply([]);
    expect(host.status()).toEqual([]);
    await expect(queryA('127.0.0.1', port, 'api', true)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
