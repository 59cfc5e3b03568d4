import { execFileSync } from 'node:child_process';
import { readlinkSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from './test-support/runtime-harness.js';

describe.skipIf(process.getuid?.() !== 0)('network namespace modes (needs root)', () => {
  let h: Harness;
  let netns: string;
  beforeAll(() => {
    h = makeHarness('net');
    netns = `${h.dir}/netns`;
    writeFileSync(netns, '');
    execFileSync('unshare', [`--net=${netns}`, 'true']);
  });
  afterAll(async () => {
    try { execFileSync('umount', [netns]); } catch { /* not mounted */ }
    await h?.cleanup();
  });

  const nsOf = async (network: Parameters<Harness['config']>[1]): Promise<string> =>
    (await h.runToEnd(h.config(['readlink', '/proc/self/ns/net'], network))).stdout.trim();

  it('joins a bind-mounted network namespace', async () => {
    expect(await nsOf({ network: { mode: 'join', path: netns } })).toBe(`net:[${statSync(netns).ino}]`);
  });

  it('uses the host\'s with mode host and a new one by default', async () => {
    expect(await nsOf({ network: { mode: 'host' } })).toBe(readlinkSync('/proc/self/ns/net'));
    expect(await nsOf({})).not.toBe(readlinkSync('/proc/self/ns/net'));
  });

  it('fails at the netns step for a path that is not a namespace', async () => {
    const error = await h.runToEnd(h.config(['true'], { network: { mode: 'join', path: `${h.dir}/rootfs/etc/passwd` } })).catch((e: unknown) => e);
    expect(String(error)).toMatch(/step netns failed/);
  });
});
