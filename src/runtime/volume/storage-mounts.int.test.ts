import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerPaths } from '../container/container-paths.js';
import { makeHarness, type Harness } from '../container/test-support/runtime-harness.js';
import { ensureVolume, listVolumes, prepareStorage, storagePlan, volumePaths, type StorageRequest } from './index.js';
import { releaseAllVolumes } from './test-support/volume-cleanup.js';

describe.skipIf(process.getuid?.() !== 0)('binds, tmpfs, secrets and configs in real containers (needs root)', () => {
  let h: Harness;
  beforeAll(() => { h = makeHarness('mnt', 'vt'); });
  afterAll(async () => {
    if (h === undefined) return;
    releaseAllVolumes(h.ctx.roots);
    await h.cleanup();
  });

  async function runWith(extra: Partial<StorageRequest>, script: string): Promise<string> {
    const config = h.config(['sh', '-c', script]);
    const request: StorageRequest = { containerId: config.id, containerName: config.id, owner: 'service app', project: 'vt', mounts: [], ...extra };
    const prepared = await prepareStorage(h.ctx.roots, storagePlan(request), [h.rootfs]);
    const run = await h.runToEnd({ ...config, mounts: prepared.mounts });
    expect(run.stderr).toBe('');
    return run.stdout;
  }

  it('creates a missing bind source with create_host_path and binds it read-only when asked', async () => {
    const made = `${h.dir}/made/deep`;
    const ro = `${h.dir}/ro`;
    mkdirSync(ro);
    writeFileSync(`${ro}/f`, 'ro\n');
    const out = await runWith({
      mounts: [
        { type: 'bind', source: made, target: '/made', createHostPath: true },
        { type: 'bind', source: ro, target: '/ro', readOnly: true, propagation: 'rslave' },
      ],
    }, 'echo hi > /made/x; cat /ro/f; touch /ro/y 2>/dev/null || echo ro-refused');
    expect(out).toBe('ro\nro-refused\n');
    expect(existsSync(`${made}/x`)).toBe(true);
  });

  it('refuses a missing bind source without create_host_path before creating anything', async () => {
    const config = h.config(['true']);
    const request: StorageRequest = {
      containerId: config.id, containerName: config.id, owner: 'service app', project: 'vt',
      mounts: [
        { type: 'bind', source: `${h.dir}/would-be-made`, target: '/a', createHostPath: true },
        { type: 'volume', volume: { name: 'vt-never', project: 'vt' }, target: '/v' },
        { type: 'bind', source: `${h.dir}/missing`, target: '/b' },
      ],
      files: [{ kind: 'config', name: 'c', source: { content: 'x' } }],
    };
    await expect(prepareStorage(h.ctx.roots, storagePlan(request), [h.rootfs])).rejects.toMatchObject({
      code: 'mount.source-missing', message: `service app bind mount /b: source ${h.dir}/missing does not exist`,
    });
    expect(existsSync(`${h.dir}/would-be-made`)).toBe(false);
    expect(existsSync(volumePaths(h.ctx.roots, 'vt-never').dir)).toBe(false);
    expect(existsSync(`${containerPaths(h.ctx.roots, config.id).stateDir}/configs`)).toBe(false);
  });

  it('mounts tmpfs with size and mode, from the long form and the short list', async () => {
    const out = await runWith({ mounts: [{ type: 'tmpfs', target: '/t1', size: '2m', mode: 0o1770 }], tmpfs: ['/t2:size=64k,mode=700'] },
      'stat -c "%n %a" /t1 /t2; grep -E " /t[12] " /proc/self/mounts | cut -d" " -f2-4 | grep -oE "^/t[12] tmpfs|size=[0-9]+k"');
    expect(out).toBe('/t1 1770\n/t2 700\n/t1 tmpfs\nsize=2048k\n/t2 tmpfs\nsize=64k\n');
  });

  it('materialises secrets and configs with their owners and modes, read-only at their targets', async () => {
    const file = `${h.dir}/pw.txt`;
    writeFileSync(file, 'hunter2\n');
    const out = await runWith({
      files: [
        { kind: 'secret', name: 'pw', source: { file }, uid: '1000', gid: '2000', mode: 0o440 },
        { kind: 'secret', name: 'token', source: { environment: 'VT_TOKEN' } },
        { kind: 'config', name: 'motd', source: { content: 'hello config\n' } },
        { kind: 'config', name: 'app', source: { content: 'k=v\n' }, target: '/etc/app.conf', mode: 0o600, uid: '1000' },
      ],
      env: { VT_TOKEN: 'tok-123' },
    }, 'stat -c "%n %a %u %g" /run/secrets/pw /run/secrets/token /motd /etc/app.conf; cat /run/secrets/pw /run/secrets/token; echo; cat /motd /etc/app.conf; '
      + '(echo x > /run/secrets/pw) 2>/dev/null || echo secret-ro');
    expect(out).toBe([
      '/run/secrets/pw 440 1000 2000', '/run/secrets/token 400 0 0', '/motd 444 0 0', '/etc/app.conf 600 1000 0',
      'hunter2', 'tok-123', 'hello config', 'k=v', 'secret-ro', '',
    ].join('\n'));
  });

  it('says which secret is missing its file, before making anything', async () => {
    const request: StorageRequest = {
      containerId: 'vt-mnt-nofile', containerName: 'vt-mnt-nofile', owner: 'service app', mounts: [],
      files: [{ kind: 'secret', name: 'db_password', source: { file: `${h.dir}/absent.txt` } }],
    };
    await expect(prepareStorage(h.ctx.roots, storagePlan(request), [h.rootfs])).rejects.toMatchObject({
      errorClass: 'not-found', code: 'secret.file-missing', message: `secret db_password: file ${h.dir}/absent.txt does not exist`,
    });
    expect(existsSync(containerPaths(h.ctx.roots, 'vt-mnt-nofile').stateDir)).toBe(false);
  });

  it('mounts a subpath of a volume, which must exist inside it', async () => {
    await ensureVolume(h.ctx.roots, { name: 'vt-sub', project: 'vt' });
    mkdirSync(`${volumePaths(h.ctx.roots, 'vt-sub').data}/part/one`, { recursive: true });
    writeFileSync(`${volumePaths(h.ctx.roots, 'vt-sub').data}/part/one/f`, 'sub\n');
    const volume = { name: 'vt-sub', project: 'vt' };
    expect(await runWith({ mounts: [{ type: 'volume', volume, target: '/s', subpath: 'part/one' }] }, 'ls /s; cat /s/f')).toBe('f\nsub\n');
    await expect(runWith({ mounts: [{ type: 'volume', volume, target: '/s', subpath: 'nope' }] }, 'true'))
      .rejects.toThrow('service app volume /s: subpath nope does not exist in volume vt-sub');
    expect(listVolumes(h.ctx.roots).map((v) => v.name)).toEqual(['vt-sub']);
    await expect(runWith({ mounts: [{ type: 'volume', volume: { name: 'vt-undone', project: 'vt' }, target: '/new' }, { type: 'volume', volume, target: '/s', subpath: 'nope' }] }, 'true'))
      .rejects.toThrow(/subpath nope does not exist/);
    expect(listVolumes(h.ctx.roots).map((v) => v.name)).toEqual(['vt-sub']);
  });
});
