/**
 * The image store feeding the runtime: an image built here (a static busybox layer, then layers with
 * whiteouts and an opaque dir), pushed to a real loopback registry, pulled, and run as a container whose
 * overlay lowers come from imageRootfs(); the merged view is checked from inside the container.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../container/test-support/runtime-harness.js';
import { directoryTar } from './directory-tar.js';
import { imageRootfs } from './image-rootfs.js';
import { pullImage } from './image-pull.js';
import { buildTar } from './test-support/tar-builder.js';
import { tagInLayout, writeImage } from './test-support/oci-layout.js';
import { pushLayout, startRegistry, type TestRegistry } from './test-support/registry.js';

async function bytesOf(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe.skipIf(process.getuid?.() !== 0)('a pulled image run by the runtime (needs root: registry, overlay, namespaces, cgroups)', () => {
  const base = mkdtempSync(join(tmpdir(), 'berth-im-run-'));
  let h: Harness | undefined;
  let registry: TestRegistry | undefined;
  let ref = '';

  beforeAll(async () => {
    h = makeHarness('run', 'im');
    const busybox = await bytesOf(directoryTar(h.rootfs));
    const files = await buildTar([
      { name: 'data/a', content: 'v1' }, { name: 'data/b', content: 'b' },
      { name: 'opq/x', content: 'x' }, { name: 'opq/y', content: 'y' }, { name: 'keep/k', content: 'k' },
    ]);
    const changes = await buildTar([
      { name: 'data/.wh.b' }, { name: 'opq/.wh..wh..opq' }, { name: 'opq/z', content: 'z' }, { name: 'data/a', content: 'v3' },
    ]);
    const layout = join(base, 'layout');
    const image = writeImage(layout, {
      layers: [{ tar: busybox, blob: gzipSync(busybox) }, { tar: files }, { tar: changes }],
      config: { Cmd: ['/bin/sh'], Env: ['PATH=/bin'] },
    });
    tagInLayout(layout, 'v1', image);
    mkdirSync(join(base, 'registry'));
    registry = await startRegistry(join(base, 'registry'));
    ref = `${registry.host}/im/busybox:v1`;
    await pushLayout(layout, 'v1', registry.host, 'im/busybox:v1');
  });

  afterAll(async () => {
    await h?.cleanup();
    await registry?.stop();
    rmSync(base, { recursive: true, force: true });
  });

  it('sees merged files, deleted files and opaque dirs from inside the container', async () => {
    const harness = h!;
    await pullImage(harness.ctx.roots, ref, { dockerConfig: join(base, 'none.json') });
    const { lowerDirs, config } = await imageRootfs(harness.ctx.roots, ref);
    expect(lowerDirs).toHaveLength(3);
    const script = 'cat /data/a; echo; ls /data; ls /opq; cat /keep/k; echo; test -e /data/b || echo b-gone; /bin/busybox true && echo ran';
    const result = await harness.runToEnd(harness.config(['/bin/sh', '-c', script], {
      rootfs: { kind: 'overlay', lowers: lowerDirs },
      process: { args: ['/bin/sh', '-c', script], env: config.Env ?? [] },
    }));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual(['v3', 'a', 'z', 'k', 'b-gone', 'ran', '']);
  });
});
