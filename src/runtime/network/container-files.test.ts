import { describe, expect, it } from 'vitest';
import { renderHosts } from './hosts-file.js';
import { nameserversOf, renderResolvConf } from './resolv-conf.js';

describe('resolv.conf and hosts files', () => {
  it('renders resolv.conf with dns, dns_search and dns_opt', () => {
    expect(renderResolvConf({ nameservers: ['10.89.0.1'], search: ['corp.example'], options: ['ndots:2', 'timeout:1'] }))
      .toBe('nameserver 10.89.0.1\nsearch corp.example\noptions ndots:2 timeout:1\n');
    expect(renderResolvConf({ nameservers: ['10.89.0.1'], search: [], options: [] })).toBe('nameserver 10.89.0.1\n');
  });

  it('reads the host nameservers', () => {
    expect(nameserversOf('# c\nnameserver 10.255.255.53\nsearch x\n nameserver  1.1.1.1 \n')).toEqual(['10.255.255.53', '1.1.1.1']);
  });

  it('renders hosts with own names and extra_hosts, host-gateway included', () => {
    const text = renderHosts({ address: '10.89.0.2', names: ['abc123', 'p-web-1', 'web', 'web'], extraHosts: [{ name: 'db.local', address: '10.1.1.1' }, { name: 'host.docker.internal', address: 'host-gateway' }], hostGateway: '10.89.0.1' });
    expect(text.split('\n')).toEqual(['127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback', '10.89.0.2\tabc123 p-web-1 web', '10.1.1.1\tdb.local', '10.89.0.1\thost.docker.internal', '']);
    expect(() => renderHosts({ names: [], extraHosts: [{ name: 'h', address: 'host-gateway' }] })).toThrow(expect.objectContaining({ code: 'network.no-host-gateway' }));
  });
});
