/**
 * Images in use by containers are protected: the in-use set comes from the runtime's real container
 * records, `rmi` names the container it refuses for, --force never frees a running container's image, and
 * `image prune --all` spares what containers use.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContainer, deleteContainer, killContainer, startContainer, waitContainer } from '../runtime/container/index.js';
import { makeHarness, type Harness } from '../runtime/container/test-support/runtime-harness.js';
import { imageRootfs, importRootfs, listImageRecords, pruneImages, removeImage } from '../runtime/image/index.js';
import { imagesInUse } from './image-usage.js';

describe.skipIf(process.getuid?.() !== 0)('images in use by containers (needs root: real containers)', () => {
  let h: Harness | undefined;
  beforeAll(() => { h = makeHarness('use', 'im'); });
  afterAll(async () => { await h?.cleanup(); });

  it('refuses rmi of an image a container uses, names it, and lets prune spare it', async () => {
    const { ctx, rootfs } = h!;
    const record = await importRootfs(ctx.roots, rootfs, 'im/usage:1');
    const { lowerDirs } = await imageRootfs(ctx.roots, 'im/usage:1');
    const stopped = h!.config(['true'], { rootfs: { kind: 'overlay', lowers: lowerDirs } });
    createContainer(ctx, stopped);
    expect((await imagesInUse(ctx.roots)).get(record.id)).toEqual([{ container: stopped.name, running: false }]);
    await expect(removeImage(ctx.roots, 'im/usage:1', { inUse: await imagesInUse(ctx.roots) }))
      .rejects.toMatchObject({ code: 'image.in-use', message: expect.stringContaining(stopped.name) as unknown });

    const running = h!.config(['sleep', '30'], { rootfs: { kind: 'overlay', lowers: lowerDirs } });
    createContainer(ctx, running);
    await startContainer(ctx, running.id, { stdio: 'ignore', foreground: false });
    try {
      await expect(removeImage(ctx.roots, 'im/usage:1', { force: true, inUse: await imagesInUse(ctx.roots) }))
        .rejects.toMatchObject({ code: 'image.in-use', message: expect.stringContaining(`running container ${running.name}`) as unknown });
      const pruned = await pruneImages(ctx.roots, { all: true, inUse: await imagesInUse(ctx.roots) });
      expect(pruned.deletedImages).toEqual([]);
    } finally {
      killContainer(ctx, running.id, 'SIGKILL');
      await waitContainer(ctx, running.id);
      await deleteContainer(ctx, running.id, { force: true });
    }

    const forced = await removeImage(ctx.roots, 'im/usage:1', { force: true, inUse: await imagesInUse(ctx.roots) });
    expect(forced).toMatchObject({ untagged: ['docker.io/im/usage:1'], deletedImages: [], deletedLayers: 0 });
    expect((await listImageRecords(ctx.roots)).map((r) => r.id)).toEqual([record.id]);

    await deleteContainer(ctx, stopped.id, { force: true });
    const last = await pruneImages(ctx.roots, { inUse: await imagesInUse(ctx.roots) });
    expect(last).toMatchObject({ deletedImages: [record.id], deletedLayers: 1 });
  });
});
