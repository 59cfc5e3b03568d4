import { execFileSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, readlinkSync, readdirSync, rmSync, statSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { lgetxattr } from '../../sys/xattr.js';
import { unpackLayer } from './layer-unpack.js';
import { buildTar, buildTarGz, type TarEntry } from './test-support/tar-builder.js';

const base = mkdtempSync(join(tmpdir(), 'berth-unpack-'));
let n = 0;
const fresh = (): string => { const dir = join(base, `case${(n += 1)}`, 'layer'); mkdirSync(dir, { recursive: true }); return dir; };

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe.skipIf(process.getuid?.() !== 0)('unpackLayer (needs root: lchown, mknod, trusted xattrs)', () => {

  it('unpacks files, modes, owners, mtimes, symlinks, hard links, xattrs, whiteouts, opaque dirs', async () => {
    const dir = fresh();
    const tar = await buildTarGz([
      { name: 'etc/', type: 'directory', mode: 0o750, mtime: new Date('2001-02-03T00:00:00Z') },
      { name: 'etc/hello', content: 'hi\n', mode: 0o4755, uid: 1000, gid: 1001 },
      { name: 'etc/link', type: 'symlink', linkname: '/etc/hello' },
      { name: 'etc/hard', type: 'link', linkname: 'etc/hello' },
      { name: 'bin/cap', content: 'x', pax: { 'SCHILY.xattr.user.berth': 'yes' } },
      { name: 'gone/.wh.old' },
      { name: 'opaque/.wh..wh..opq' },
      { name: 'opaque/kept', content: 'k' },
      { name: 'dev/null', type: 'character-device', devmajor: 1, devminor: 3 },
    ]);
    const result = await unpackLayer(Readable.from([tar]), dir);
    expect(result.skippedDevices).toBe(1);
    expect(existsSync(join(dir, 'dev/null'))).toBe(false);
    const hello = statSync(join(dir, 'etc/hello'));
    expect([hello.mode & 0o7777, hello.uid, hello.gid]).toEqual([0o4755, 1000, 1001]);
    expect(statSync(join(dir, 'etc')).mode & 0o777).toBe(0o750);
    expect(statSync(join(dir, 'etc')).mtime.toISOString()).toBe('2001-02-03T00:00:00.000Z');
    expect(readlinkSync(join(dir, 'etc/link'))).toBe('/etc/hello');
    expect(statSync(join(dir, 'etc/hard')).ino).toBe(hello.ino);
    expect(lgetxattr(join(dir, 'bin/cap'), 'user.berth')?.toString()).toBe('yes');
    const whiteout = lstatSync(join(dir, 'gone/old'));
    expect([whiteout.isCharacterDevice(), whiteout.rdev]).toEqual([true, 0]);
    expect(lgetxattr(join(dir, 'opaque'), 'trusted.overlay.opaque')?.toString()).toBe('y');
    expect(readdirSync(join(dir, 'opaque'))).toEqual(['kept']);
  });

  it('computes the diff id and digest of gzip, zstd and plain layers alike', async () => {
    const tar = await buildTar([{ name: 'a', content: 'A'.repeat(100_000) }]);
    const zst = execFileSync('zstd', ['-q', '-c'], { input: tar });
    const results = await Promise.all([tar, await buildTarGz([{ name: 'a', content: 'A'.repeat(100_000) }]), zst]
      .map((bytes) => unpackLayer(Readable.from([bytes]), fresh())));
    expect(new Set(results.map((r) => r.diffId)).size).toBe(1);
    expect(results.map((r) => r.size)).toEqual([tar.length, results[1]!.size, zst.length]);
  });

  const malicious: Array<[string, TarEntry[], RegExp]> = [
    ['a .. path', [{ name: '../escaped', content: 'x' }], /'\.\.\/escaped' has a '\.\.' component/],
    ['an absolute path', [{ name: '/abs-escaped', content: 'x' }], /'\/abs-escaped' has an absolute path/],
    ['a write through a symlink', [{ name: 'evil', type: 'symlink', linkname: '..' }, { name: 'evil/escaped', content: 'x' }], /'evil\/escaped' goes through the symlink 'evil'/],
    ['a write through an absolute symlink', [{ name: 'evil', type: 'symlink', linkname: '/tmp' }, { name: 'evil/escaped', content: 'x' }], /goes through the symlink/],
    ['a whiteout of a parent', [{ name: 'a/.wh...' }], /'a\/\.wh\.\.\.' is a whiteout of its own or a parent directory/],
    ['a hard link outside', [{ name: 'h', type: 'link', linkname: '../outside' }], /'h' is a hard link to '\.\.\/outside'/],
    ['a hard link through a symlink', [{ name: 's', type: 'symlink', linkname: '/etc' }, { name: 'h', type: 'link', linkname: 's/passwd' }], /'h' goes through the symlink 's'/],
  ];
  it.each(malicious)('refuses %s and writes nothing outside', async (_what, entries, message) => {
    const dir = fresh();
    const outsideBefore = readdirSync(join(dir, '..'));
    await expect(unpackLayer(Readable.from([await buildTar(entries)]), dir)).rejects.toThrow(message);
    expect(readdirSync(join(dir, '..'))).toEqual(outsideBefore);
    expect(existsSync('/abs-escaped') || existsSync('/tmp/escaped')).toBe(false);
  });

  it('refuses device nodes under the refuse policy', async () => {
    const tar = await buildTar([{ name: 'dev/sda', type: 'block-device', devmajor: 8, devminor: 0 }]);
    await expect(unpackLayer(Readable.from([tar]), fresh(), { devices: 'refuse' })).rejects.toThrow(/'dev\/sda' is a device node/);
  });

  it('replaces entries in archive order, never following an archive symlink', async () => {
    const dir = fresh();
    const target = join(dir, '..', 'victim');
    const tar = await buildTar([
      { name: 'f', type: 'symlink', linkname: target },
      { name: 'f', content: 'new' },
    ]);
    await unpackLayer(Readable.from([tar]), dir);
    expect(existsSync(target)).toBe(false);
    expect(readFileSync(join(dir, 'f'), 'utf8')).toBe('new');
  });
});
