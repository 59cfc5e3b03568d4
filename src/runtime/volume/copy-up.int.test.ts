import { chmodSync, chownSync, existsSync, linkSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mknod } from '../../sys/mknod.js';
import { lgetxattr, lsetxattr } from '../../sys/xattr.js';
import { makeHarness, type Harness } from '../container/test-support/runtime-harness.js';
import { volumePaths } from './index.js';
import { releaseAllVolumes } from './test-support/volume-cleanup.js';
import { volumeMounts, type TestVolumeMount } from './test-support/volume-mount.js';

// VFS_CAP_REVISION_2 with the effective bit, permitting CAP_NET_BIND_SERVICE (10): what `setcap cap_net_bind_service+ep` writes.
const NET_BIND_CAP = Buffer.from([0x01, 0x00, 0x00, 0x02, 0x00, 0x04, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

/** Two image layers over busybox: the lower one with assorted content at /app/data, the upper one hiding and replacing some. */
function buildLayers(dir: string): string[] {
  const lower = `${dir}/layer-lower/app/data`;
  mkdirSync(`${lower}/sub`, { recursive: true });
  mkdirSync(`${lower}/opq`);
  writeFileSync(`${lower}/a.txt`, 'alpha\n');
  chownSync(`${lower}/a.txt`, 1000, 2000);
  chmodSync(`${lower}/a.txt`, 0o640);
  linkSync(`${lower}/a.txt`, `${lower}/hard`);
  symlinkSync('a.txt', `${lower}/link`);
  writeFileSync(`${lower}/hidden.txt`, 'must not appear\n');
  writeFileSync(`${lower}/opq/old.txt`, 'must not appear\n');
  writeFileSync(`${lower}/sub/deep.txt`, 'deep\n');
  chownSync(`${lower}/sub`, 1000, 1000);
  chmodSync(`${lower}/sub`, 0o750);
  writeFileSync(`${lower}/cap-bin`, 'binary\n');
  chmodSync(`${lower}/cap-bin`, 0o755);
  lsetxattr(`${lower}/cap-bin`, 'security.capability', NET_BIND_CAP);
  mknod(`${lower}/pipe`, 'fifo', 0o600);
  chownSync(lower, 1000, 1000);
  chmodSync(lower, 0o770);
  const upper = `${dir}/layer-upper/app/data`;
  mkdirSync(`${upper}/opq`, { recursive: true });
  mknod(`${upper}/hidden.txt`, 'char', 0, 0, 0);
  lsetxattr(`${upper}/opq`, 'trusted.overlay.opaque', Buffer.from('y'));
  writeFileSync(`${upper}/opq/new.txt`, 'new\n');
  writeFileSync(`${upper}/top.txt`, 'top\n');
  chownSync(upper, 1000, 1000);
  chmodSync(upper, 0o770);
  symlinkSync('/app/data', `${dir}/layer-upper/app/via-link`);
  mkdirSync(`${dir}/layer-upper/cache`);
  writeFileSync(`${dir}/layer-upper/cache/seed`, 'seed\n');
  return [`${dir}/layer-upper`, `${dir}/layer-lower`];
}

describe.skipIf(process.getuid?.() !== 0)('populating volumes from the image (needs root)', () => {
  let h: Harness;
  let lowers: string[];
  beforeAll(() => {
    h = makeHarness('copy', 'vt');
    lowers = [...buildLayers(h.dir), h.rootfs];
  });
  afterAll(async () => {
    if (h === undefined) return;
    releaseAllVolumes(h.ctx.roots);
    await h.cleanup();
  });

  async function runWith(mounts: readonly TestVolumeMount[], script: string): Promise<string> {
    const config = h.config(['sh', '-c', script], { rootfs: { kind: 'overlay', lowers } });
    const run = await h.runToEnd({ ...config, mounts: await volumeMounts(h.ctx.roots, lowers, mounts) });
    expect(run.stderr).toBe('');
    return run.stdout;
  }

  it('copies the merged image content into an empty named volume on first use, with owners, modes and links', async () => {
    const volume = { name: 'vt-pop', project: 'vt' };
    const script = 'cd /app/data; ls -A; stat -c "%n %a %u %g %F" . a.txt sub opq/new.txt pipe; readlink link; cat a.txt hard sub/deep.txt opq/new.txt';
    expect(await runWith([{ volume, target: '/app/data' }], script)).toBe([
      'a.txt', 'cap-bin', 'hard', 'link', 'opq', 'pipe', 'sub', 'top.txt',
      '. 770 1000 1000 directory', 'a.txt 640 1000 2000 regular file', 'sub 750 1000 1000 directory',
      'opq/new.txt 644 0 0 regular file', 'pipe 600 0 0 fifo', 'a.txt', 'alpha', 'alpha', 'deep', 'new', '',
    ].join('\n'));
    expect(await runWith([], 'ls -A /app/data')).toBe('a.txt\ncap-bin\nhard\nlink\nopq\npipe\nsub\ntop.txt\n');
    const data = volumePaths(h.ctx.roots, 'vt-pop').data;
    expect(statSync(`${data}/hard`).ino).toBe(statSync(`${data}/a.txt`).ino);
    expect(lgetxattr(`${data}/cap-bin`, 'security.capability')).toEqual(NET_BIND_CAP);
  });

  it('copies only into an empty volume: a second use keeps what containers changed', async () => {
    const volume = { name: 'vt-pop', project: 'vt' };
    expect(await runWith([{ volume, target: '/app/data' }], 'rm /app/data/top.txt; echo mine > /app/data/mine; echo done')).toBe('done\n');
    expect(await runWith([{ volume, target: '/app/data' }], 'ls /app/data | tr "\\n" " "')).toBe('a.txt cap-bin hard link mine opq pipe sub \n');
  });

  it('follows image symlinks to the content, as the mount target is resolved', async () => {
    expect(await runWith([{ volume: { name: 'vt-via', project: 'vt' }, target: '/app/via-link' }], 'cat /app/data/top.txt')).toBe('top\n');
    expect(readdirSync(volumePaths(h.ctx.roots, 'vt-via').data)).toContain('top.txt');
  });

  it('leaves the volume empty with nocopy', async () => {
    const mounts = [{ volume: { name: 'vt-nocopy', project: 'vt' }, target: '/app/data', nocopy: true }];
    expect(await runWith(mounts, 'ls -A /app/data | wc -l')).toBe('0\n');
  });

});
