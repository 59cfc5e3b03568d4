/**
 * network_mode with real berth containers: `none` (a namespace file with only lo, up), `host`, and
 * `container:<id>` / `service:<name>` through containerNetwork(): a container joining another's
 * namespace file has the same address and reaches its httpd on localhost; a container whose namespace
 * the runtime made alone is joined through /proc/<pid>/ns/net; a stopped or missing one is a clear error.
 */
import { readlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContainer, killContainer, runContainer, waitContainer } from '../container/index.js';
import { makeHarness, type Harness } from '../container/test-support/runtime-harness.js';
import {
  containerNetnsPath, containerNetwork, createNetns, createNetwork, teardownProjectNetworking, type NetworkRecord,
} from './index.js';
import { DnsRecords } from './dns-records.js';
import { HTTPD, httpGet, startOnNetwork, type NetContainer } from './test-support/container-fixture.js';
import { skipReason, SUFFIX, waitFor } from './test-support/net-fixture.js';

const reason = skipReason();
const options = { natTable: `berth-test-m${SUFFIX}`, hostForwarding: false };

describe.skipIf(reason !== undefined)(`network modes of real containers ${reason ? `(skipped: ${reason})` : ''}`, () => {
  let h: Harness | undefined;
  let net: NetworkRecord;
  let web: NetContainer;
  const out = async (config: ReturnType<Harness['config']>): Promise<string> => {
    const run = await h!.runToEnd(config);
    return run.stdout + run.stderr;
  };

  beforeAll(async () => {
    h = makeHarness('mode', 'nw');
    net = (await createNetwork(h.ctx.roots, { name: 'nwmode_default', project: 'nwmode', bridge: `berthnm${SUFFIX}`, subnet: '10.231.71.0/24', internal: false }, options)).record;
    web = await startOnNetwork(h, net, new DnsRecords(), { name: 'nwmode-web-1', service: 'web', args: HTTPD });
    await waitFor(async () => (await httpGet(web.address, 80).catch(() => '')).includes(web.id));
  });

  afterAll(async () => {
    const roots = h?.ctx.roots;
    try {
      if (roots !== undefined) await teardownProjectNetworking(roots, { project: 'nwmode', netnsPrefix: 'nw-mode-', options });
    } finally {
      await h?.cleanup();
    }
  });

  it('none: a namespace file with only the loopback interface, up', async () => {
    const netns = createNetns(h!.ctx.roots, 'nw-mode-none');
    const links = (await out(h!.config(['ip', '-o', 'link'], { network: { mode: 'join', path: netns } }))).trim().split('\n');
    expect(links).toHaveLength(1);
    expect(links[0]).toMatch(/^1: lo: <LOOPBACK,UP,LOWER_UP>/);
  });

  it('container: shares the address and localhost of the container it names', async () => {
    const joined = containerNetwork(h!.ctx.roots, web.id);
    expect(joined).toEqual({ mode: 'join', path: web.netns });
    expect(containerNetnsPath(h!.ctx.roots, web.id)).toBe(web.netns);
    const sidecar = (args: string[]) => out(h!.config(args, { network: joined }));
    expect(await sidecar(['ip', '-4', '-o', 'addr', 'show', 'eth0'])).toContain(`inet ${web.address}/24`);
    expect((await sidecar(['wget', '-q', '-O', '-', 'http://127.0.0.1/'])).trim()).toBe(web.id);
  });

  it('container: joins a namespace the runtime made alone through its running process', async () => {
    const lone = h!.config(['sleep', '600']);
    const { record } = await runContainer(h!.ctx, lone, { stdio: 'ignore', foreground: false, remove: false });
    const joined = containerNetwork(h!.ctx.roots, lone.id);
    expect(joined).toEqual({ mode: 'join', path: `/proc/${record.pid}/ns/net` });
    const seen = (await out(h!.config(['readlink', '/proc/self/ns/net'], { network: joined }))).trim();
    expect(seen).toBe(readlinkSync(`/proc/${record.pid}/ns/net`));
    killContainer(h!.ctx, lone.id, 'SIGKILL');
    await waitContainer(h!.ctx, lone.id);
    expect(() => containerNetwork(h!.ctx.roots, lone.id)).toThrow(expect.objectContaining({ code: 'network.container-not-running' }));
  });

  it('host: a host-mode container makes its joiners host-mode; a missing one is an error', () => {
    const host = h!.config(['true'], { network: { mode: 'host' } });
    createContainer(h!.ctx, host);
    expect(containerNetwork(h!.ctx.roots, host.id)).toEqual({ mode: 'host' });
    expect(() => containerNetnsPath(h!.ctx.roots, host.id)).toThrow(expect.objectContaining({ code: 'network.container-host-network' }));
    expect(() => containerNetwork(h!.ctx.roots, 'nw-mode-nosuch')).toThrow(expect.objectContaining({ code: 'network.container-not-found' }));
  });
});
