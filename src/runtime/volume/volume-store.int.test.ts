import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContainer } from '../container/create.js';
import { deleteContainer } from '../container/delete.js';
import { makeHarness, type Harness } from '../container/test-support/runtime-harness.js';
import { ensureVolume, inspectVolume, listVolumes, releaseIdleVolumes, removeVolume, volumePaths, volumesInUse } from './index.js';
import { mountsUnder, releaseAllVolumes } from './test-support/volume-cleanup.js';
import { volumeMounts, type TestVolumeMount } from './test-support/volume-mount.js';

describe.skipIf(process.getuid?.() !== 0)('volumes on disk with real containers (needs root)', () => {
  let h: Harness;
  beforeAll(() => { h = makeHarness('store', 'vt'); });
  afterAll(async () => {
    if (h === undefined) return;
    releaseAllVolumes(h.ctx.roots);
    await h.cleanup();
  });

  async function runWith(mounts: readonly TestVolumeMount[], script: string): Promise<string> {
    const config = h.config(['sh', '-c', script]);
    const run = await h.runToEnd({ ...config, mounts: await volumeMounts(h.ctx.roots, [h.rootfs], mounts) });
    expect(run.stderr).toBe('');
    return run.stdout;
  }

  it('keeps a named volume across container delete and recreate, and refuses to remove it while used', async () => {
    const keep = [{ volume: { name: 'vt-keep', project: 'vt', key: 'keep' }, target: '/data' }];
    expect(await runWith(keep, 'echo kept > /data/f; echo ok')).toBe('ok\n');
    expect(await runWith(keep, 'cat /data/f')).toBe('kept\n');
    expect(inspectVolume(h.ctx.roots, 'vt-keep')).toMatchObject({ name: 'vt-keep', driver: 'local', labels: { 'com.docker.compose.project': 'vt', 'com.docker.compose.volume': 'keep' } });
    expect(listVolumes(h.ctx.roots, { project: 'vt' }).map((v) => v.name)).toContain('vt-keep');
    expect(listVolumes(h.ctx.roots, { project: 'other' })).toEqual([]);

    const config = h.config(['true']);
    createContainer(h.ctx, { ...config, mounts: await volumeMounts(h.ctx.roots, [h.rootfs], keep) });
    expect(volumesInUse(h.ctx.roots).get('vt-keep')).toEqual([config.id]);
    await expect(removeVolume(h.ctx.roots, 'vt-keep', volumesInUse(h.ctx.roots))).rejects.toThrow(`volume vt-keep is in use by container ${config.id}`);
    await deleteContainer(h.ctx, config.id, { force: true });
    expect(await removeVolume(h.ctx.roots, 'vt-keep', volumesInUse(h.ctx.roots))).toBe(true);
    expect(existsSync(volumePaths(h.ctx.roots, 'vt-keep').dir)).toBe(false);
    await expect(removeVolume(h.ctx.roots, 'vt-keep', new Map())).rejects.toThrow('volume vt-keep does not exist');
  });

  it('creates idempotently and warns when an existing volume belongs to another project', async () => {
    const first = await ensureVolume(h.ctx.roots, { name: 'vt-idem', project: 'vt' });
    writeFileSync(`${volumePaths(h.ctx.roots, 'vt-idem').data}/mark`, 'x');
    const again = await ensureVolume(h.ctx.roots, { name: 'vt-idem', project: 'vt' });
    expect([first.created, again.created, again.warnings]).toEqual([true, false, []]);
    expect(readFileSync(`${volumePaths(h.ctx.roots, 'vt-idem').data}/mark`, 'utf8')).toBe('x');
    const foreign = await ensureVolume(h.ctx.roots, { name: 'vt-idem', project: 'vt2', driverOpts: { type: 'tmpfs' } });
    expect(foreign.warnings.map((w) => w.code)).toEqual(['volume.foreign', 'volume.options-changed']);
    await removeVolume(h.ctx.roots, 'vt-idem', new Map());
  });

  it('fails on a missing external volume with a not-found error, creating nothing', async () => {
    await expect(ensureVolume(h.ctx.roots, { name: 'vt-ext', external: true })).rejects.toMatchObject({
      errorClass: 'not-found', code: 'volume.external-missing', message: 'external volume vt-ext does not exist',
    });
    expect(existsSync(volumePaths(h.ctx.roots, 'vt-ext').dir)).toBe(false);
    await ensureVolume(h.ctx.roots, { name: 'vt-ext', project: 'elsewhere' });
    expect(await runWith([{ volume: { name: 'vt-ext', external: true }, target: '/b' }], 'echo in-ext > /b/f; cat /b/f')).toBe('in-ext\n');
    await removeVolume(h.ctx.roots, 'vt-ext', new Map());
  });

  it('binds the device of an `o: bind` volume and never deletes its content', async () => {
    const device = `${h.dir}/device`;
    mkdirSync(device);
    writeFileSync(`${device}/from-host`, 'hello\n');
    const volume = { name: 'vt-dev', project: 'vt', driverOpts: { type: 'none', o: 'bind', device } };
    expect(await runWith([{ volume, target: '/dev-data' }], 'cat /dev-data/from-host; echo c > /dev-data/from-ctr')).toBe('hello\n');
    expect(readFileSync(`${device}/from-ctr`, 'utf8')).toBe('c\n');
    await removeVolume(h.ctx.roots, 'vt-dev', volumesInUse(h.ctx.roots));
    expect(readFileSync(`${device}/from-host`, 'utf8')).toBe('hello\n');
    const missing = { name: 'vt-dev2', project: 'vt', driverOpts: { o: 'bind', device: `${h.dir}/nope` } };
    await expect(volumeMounts(h.ctx.roots, [h.rootfs], [{ volume: missing, target: '/x' }]))
      .rejects.toThrow(`volume vt-dev2: device directory ${h.dir}/nope does not exist`);
    // As with Docker's local driver, the volume exists; only mounting it fails.
    expect(await removeVolume(h.ctx.roots, 'vt-dev2', new Map())).toBe(true);
  });

  it('shares a tmpfs volume between containers and unmounts it on removal', async () => {
    const volume = { name: 'vt-tmp', project: 'vt', driverOpts: { type: 'tmpfs', device: 'tmpfs', o: 'size=2m,mode=0750' } };
    const data = volumePaths(h.ctx.roots, 'vt-tmp').data;
    expect(await runWith([{ volume, target: '/t' }], 'echo shared > /t/f; stat -c %a /t')).toBe('750\n');
    expect(mountsUnder(data).map((l) => l.split(' ')[2])).toEqual(['tmpfs']);
    expect(await runWith([{ volume, target: '/t2' }], 'cat /t2/f')).toBe('shared\n');
    releaseIdleVolumes(h.ctx.roots, volumesInUse(h.ctx.roots), 'vt');
    expect(mountsUnder(data)).toEqual([]);
    expect(await runWith([{ volume, target: '/t' }], 'ls -A /t | wc -l')).toBe('0\n');
    await removeVolume(h.ctx.roots, 'vt-tmp', volumesInUse(h.ctx.roots));
    expect(mountsUnder(data)).toEqual([]);
  });

});
