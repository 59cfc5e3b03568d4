/**
 * IPv6 where configured, on the real kernel with real containers: a network with an IPv6 subnet
 * (fd42:b0b0:73::/64, a ULA range) gets its IPv6 gateway on the bridge, containers get IPv6 addresses
 * usable at once (no duplicate address detection) and an IPv6 default route, a static ipv6_address is
 * honoured, the DNS server answers AAAA and IPv6 PTR, and the IPv6 isolation rules come and go with
 * the network. Traffic stays between the test's own
 * namespaces and bridge. Skipped with the reason when the kernel has IPv6 turned off.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../container/test-support/runtime-harness.js';
import {
  createNetwork, teardownProjectNetworking, type NetworkRecord,
} from './index.js';
import { DnsRecords } from './dns-records.js';
import { startNetworkDns, type NetworkDns } from './network-dns.js';
import { listTable6 } from './isolation6.js';
import { HTTPD, httpGet, runIn, startOnNetwork, type NetContainer } from './test-support/container-fixture.js';
import { skipReason, SUFFIX, waitFor } from './test-support/net-fixture.js';

const reason = skipReason() ?? ipv6Off();
const options = { natTable: `berth-test-6${SUFFIX}`, hostForwarding: false };
const STATIC = 'fd42:b0b0:73::99';

describe.skipIf(reason !== undefined)(`IPv6 networks ${reason ? `(skipped: ${reason})` : ''}`, () => {
  let h: Harness | undefined;
  let net: NetworkRecord;
  let dns: NetworkDns | undefined;
  let web: NetContainer;
  let app: NetContainer;
  const records = new DnsRecords();
  const ask = (args: string[]): Promise<string> => runIn(h!, net, app.netns, app.address, args);

  beforeAll(async () => {
    h = makeHarness('v6', 'nw');
    const spec = { name: 'nwv6_default', project: 'nwv6', bridge: `berthn6${SUFFIX}`, subnet: '10.231.73.0/24', subnet6: 'fd42:b0b0:73::/64', internal: false };
    net = (await createNetwork(h.ctx.roots, spec, options)).record;
    dns = await startNetworkDns(net, { records, upstreams: [], natTable: options.natTable });
    web = await startOnNetwork(h, net, records, { name: 'nwv6-web-1', service: 'web', args: HTTPD, ipv6: STATIC });
    app = await startOnNetwork(h, net, records, { name: 'nwv6-app-1', service: 'app', args: ['sleep', '600'] });
  });

  afterAll(async () => {
    const roots = h?.ctx.roots;
    try {
      if (roots !== undefined) await teardownProjectNetworking(roots, { project: 'nwv6', netnsPrefix: 'nw-v6-', listeners: dns ? [dns] : [], options });
    } finally {
      await h?.cleanup();
    }
  });

  it('puts the IPv6 gateway on the bridge, usable at once', () => {
    expect(net).toMatchObject({ subnet6: 'fd42:b0b0:73::/64', gateway6: 'fd42:b0b0:73::1' });
    const shown = execFileSync('ip', ['-6', '-o', 'addr', 'show', 'dev', net.bridge, 'scope', 'global'], { encoding: 'utf8' });
    expect(shown).toContain('inet6 fd42:b0b0:73::1/64');
    expect(shown).not.toContain('tentative');
    expect(listTable6(options.natTable)).toContain(`oifname "berth*" oifname != "${net.bridge}" drop`);
  });

  it('gives containers IPv6 addresses (static and allocated) and an IPv6 default route', async () => {
    expect(web.address6).toBe(STATIC);
    expect(app.address6).toBe('fd42:b0b0:73::2');
    const inside = await ask(['sh', '-c', 'ip -6 -o addr show dev eth0 scope global; ip -6 route']);
    expect(inside).toContain(`inet6 ${app.address6}/64`);
    expect(inside).not.toContain('tentative');
    expect(inside).toContain(`default via ${net.gateway6} dev eth0`);
  });

  it('carries IPv6 traffic between containers and to the host side of the bridge', async () => {
    await waitFor(async () => (await httpGet(STATIC, 80).catch(() => '')).includes(web.id));
    expect(await httpGet(STATIC, 80)).toContain(web.id);
    expect((await ask(['wget', '-q', '-O', '-', `http://[${STATIC}]/`])).trim()).toBe(web.id);
    expect(await ask(['ping6', '-c', '1', '-W', '2', STATIC])).toContain('1 packets received');
  });

  it('answers AAAA and IPv6 reverse lookups for container names', async () => {
    const forward = await ask(['nslookup', '-type=AAAA', 'web']);
    expect(forward).toContain(`Address: ${STATIC}`);
    expect(await ask(['nslookup', STATIC])).toContain('name = nwv6-web-1');
  });

  it('removes the IPv6 rules and addresses with the network', async () => {
    await teardownProjectNetworking(h!.ctx.roots, { project: 'nwv6', netnsPrefix: 'nw-v6-', listeners: dns ? [dns] : [], options });
    dns = undefined;
    expect(listTable6(options.natTable)).toBeUndefined();
    expect(execFileSync('ip', ['-6', '-o', 'addr'], { encoding: 'utf8' })).not.toContain('fd42:b0b0:73:');
  });
});

function ipv6Off(): string | undefined {
  try {
    return readFileSync('/proc/sys/net/ipv6/conf/all/disable_ipv6', 'utf8').trim() === '1' ? 'IPv6 is disabled in this kernel (net.ipv6.conf.all.disable_ipv6=1)' : undefined;
  } catch {
    return 'this kernel has no IPv6 (/proc/sys/net/ipv6 is missing)';
  }
}
