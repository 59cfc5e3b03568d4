import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetwork } from '../network/networks.js';
import { createNetns, listNetns } from '../network/netns.js';
import { readNetworkRecord } from '../network/network-record.js';
import { statePath } from '../state-roots.js';
import { leasesDir } from './build-lease.js';
import type { BuildEvent } from './build-types.js';
import { BASE, makeBuildHarness, type BuildHarness } from './test-support/build-harness.js';

const ROOT = process.getuid?.() === 0;

describe.skipIf(!ROOT)('build network lifetime (needs root: RUN steps are real containers on a real bridge)', () => {
  let h: BuildHarness;
  beforeAll(async () => { h = await makeBuildHarness('net', 80, 'bf'); });
  afterAll(async () => { await h?.cleanup(); });

  /** Whether any kernel object or record of the build network is left. */
  function leftovers(): string[] {
    const found: string[] = [];
    if (spawnSync('ip', ['link', 'show', h.network.bridge!]).status === 0) found.push(`bridge ${h.network.bridge}`);
    if (spawnSync('nft', ['list', 'table', 'ip', h.network.natTable!]).status === 0) found.push(`nft table ${h.network.natTable}`);
    found.push(...listNetns(h.ctx.roots).map((p) => `netns ${p}`));
    if (readNetworkRecord(h.ctx.roots, h.network.name!) !== undefined) found.push('network record');
    if (existsSync(leasesDir(h.ctx.roots))) found.push(...readdirSync(leasesDir(h.ctx.roots)).map((n) => `lease ${n}`));
    return found;
  }

  it('removes the bridge, namespaces, NAT table and records when the build ends', async () => {
    const context = h.context({ Dockerfile: `FROM ${BASE}\nRUN ping -c1 -W2 10.231.80.1 >/dev/null && echo gateway-ok\n` });
    const events: BuildEvent[] = [];
    await h.build(context, { tags: ['bf/net:1'] }, events);
    expect(events.flatMap((e) => (e.kind === 'output' ? [e.line] : []))).toEqual(['gateway-ok']);
    expect(leftovers()).toEqual([]);
  });

  it('shares the network between concurrent builds and keeps it until the last one ends', async () => {
    const short = h.context({ Dockerfile: `FROM ${BASE}\nRUN echo short\n` });
    const long = h.context({ Dockerfile: `FROM ${BASE}\nRUN sleep 1 && ping -c1 -W2 10.231.80.1 >/dev/null && echo still-up\n` });
    const events: BuildEvent[] = [];
    const slow = h.build(long, { tags: ['bf/long:1'] }, events);
    await new Promise((r) => setTimeout(r, 300));
    await h.build(short, { tags: ['bf/short:1'] });
    await slow;
    expect(events.flatMap((e) => (e.kind === 'output' ? [e.line] : []))).toEqual(['still-up']);
    expect(leftovers()).toEqual([]);
  });

  it('sweeps what a crashed build left when the next build starts', async () => {
    await createNetwork(h.ctx.roots, { name: h.network.name!, project: 'berth-build', bridge: h.network.bridge!, subnet: h.network.subnet, internal: false }, h.network);
    createNetns(h.ctx.roots, 'bf-net-crashed');
    const dead = spawnSync('true').pid;
    const lease = join(leasesDir(h.ctx.roots), 'crashed');
    mkdirSync(join(lease, 'steps'), { recursive: true });
    writeFileSync(join(lease, 'owner.json'), JSON.stringify({ pid: dead, start: 1, network: h.network.name }));
    writeFileSync(join(lease, 'steps', 'bf-net-crashed'), '');
    expect(leftovers().length).toBeGreaterThan(0);
    await h.build(h.context({ Dockerfile: `FROM ${BASE}\nLABEL after=crash\n` }), { tags: ['bf/after:1'] });
    expect(leftovers()).toEqual([]);
    expect(existsSync(statePath(h.ctx.roots, 'run', 'netns', 'bf-net-crashed'))).toBe(false);
  });
});
