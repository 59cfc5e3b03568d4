/**
 * `berth cp` through the built CLI (`npm run build` first) on a running container labelled as a
 * project's (verb-fixture): files and trees both ways, Docker's destination rules, and symlinks planted
 * in the container that point at host paths, which must resolve inside the container and never write or
 * read outside it; -L and -a. Project vb-cp, cgroups under berth/vb-cp.
 */
import { chownSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeVerbFixture, type VerbFixture } from './test-support/verb-fixture.js';

describe.skipIf(process.getuid?.() !== 0)('berth cp (needs root)', () => {
  let f: VerbFixture;
  let outside = '';
  const sh = (script: string) => f.berth('exec', '-T', 'web', 'sh', '-c', script);
  beforeAll(async () => {
    f = makeVerbFixture('cp');
    await f.container('web', ['sleep', '60']);
    outside = join(f.dir, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret'), 'host secret\n');
    writeFileSync(join(f.dir, 'a.txt'), 'alpha\n');
    mkdirSync(join(f.dir, 'tree/sub'), { recursive: true });
    writeFileSync(join(f.dir, 'tree/sub/b.txt'), 'beta\n');
    symlinkSync('sub/b.txt', join(f.dir, 'tree/link'));
  });
  afterAll(async () => { await f?.cleanup(); });

  it('copies a file into an existing directory under its own name, and a tree to a new path', () => {
    expect(f.berth('cp', 'a.txt', 'web:/tmp').status).toBe(0);
    expect(sh('cat /tmp/a.txt').stdout).toBe('alpha\n');
    const r = f.berth('cp', 'tree', 'web:/data');
    expect(r.status).toBe(0);
    expect(sh('cat /data/sub/b.txt; readlink /data/link').stdout).toBe('beta\nsub/b.txt\n');
    expect(f.berth('cp', 'tree', 'web:/data').status).toBe(0);
    expect(sh('cat /data/tree/sub/b.txt').stdout).toBe('beta\n');
  });

  it('copies a file and a tree out of the container, symlinks kept as symlinks', () => {
    expect(sh('mkdir -p /made/deep && echo gamma > /made/deep/c.txt && ln -s /etc/passwd /made/pw').status).toBe(0);
    expect(f.berth('cp', 'web:/made/deep/c.txt', 'c.txt').status).toBe(0);
    expect(readFileSync(join(f.dir, 'c.txt'), 'utf8')).toBe('gamma\n');
    expect(f.berth('cp', 'web:/made', 'made-out').status).toBe(0);
    expect(readFileSync(join(f.dir, 'made-out/deep/c.txt'), 'utf8')).toBe('gamma\n');
    expect(lstatSync(join(f.dir, 'made-out/pw')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(f.dir, 'made-out/pw'))).toBe('/etc/passwd');
    mkdirSync(join(f.dir, 'into'));
    expect(f.berth('cp', 'web:/made', 'into').status).toBe(0);
    expect(readFileSync(join(f.dir, 'into/made/deep/c.txt'), 'utf8')).toBe('gamma\n');
  });

  it('never writes outside the container through a planted symlink', () => {
    // The links' target exists in the container too, so the copies land there, never on the host.
    expect(sh(`mkdir -p ${outside} && ln -s ${outside} /tmp/abs && ln -s ../../../../../../..${outside} /tmp/rel`).status).toBe(0);
    expect(f.berth('cp', 'a.txt', 'web:/tmp/abs/pwned').status).toBe(0);
    expect(f.berth('cp', 'a.txt', 'web:/tmp/rel/pwned2').status).toBe(0);
    expect(f.berth('cp', 'tree', 'web:/tmp/abs/tree').status).toBe(0);
    expect(readdirSync(outside)).toEqual(['secret']);
    expect(sh(`cat ${outside}/pwned ${outside}/pwned2 ${outside}/tree/sub/b.txt`).stdout).toBe('alpha\nalpha\nbeta\n');
  });

  it('never reads outside the container through a planted symlink', () => {
    const r = f.berth('cp', 'web:/tmp/abs/secret', 'stolen');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('no such file or directory in the container: /tmp/abs/secret');
    expect(existsSync(join(f.dir, 'stolen'))).toBe(false);
  });

  it('treats a link through the container\'s /proc/self as missing, both ways', () => {
    expect(sh('ln -s /proc/self/root/etc /tmp/pself').status).toBe(0);
    const out = f.berth('cp', 'web:/tmp/pself/hostname', 'pself-out');
    expect([out.status, out.stderr]).toEqual([3, expect.stringContaining('no such file or directory in the container: /tmp/pself/hostname')]);
    const into = f.berth('cp', 'a.txt', 'web:/tmp/pself/x');
    expect([into.status, into.stderr]).toEqual([3, expect.stringContaining('no such directory in the container: /tmp/pself')]);
  });

  it('follows a source symlink with -L (inside the container) and keeps owners with -a, both ways', () => {
    expect(sh('mkdir -p /own && echo owned > /own/f && chown 1234:5678 /own/f /own && ln -s ../own/f /tmp/to-f').status).toBe(0);
    expect(f.berth('cp', '-L', 'web:/tmp/to-f', 'followed').status).toBe(0);
    expect([lstatSync(join(f.dir, 'followed')).isFile(), readFileSync(join(f.dir, 'followed'), 'utf8')]).toEqual([true, 'owned\n']);
    expect(f.berth('cp', 'web:/own', 'plain-own').status).toBe(0);
    expect(statSync(join(f.dir, 'plain-own/f')).uid).toBe(0);
    expect(f.berth('cp', '-a', 'web:/own', 'archived-own').status).toBe(0);
    expect(['f', '.'].map((p) => statSync(join(f.dir, 'archived-own', p))).map((s) => `${s.uid}:${s.gid}`)).toEqual(['1234:5678', '1234:5678']);
    writeFileSync(join(f.dir, 'mine.txt'), 'mine\n');
    chownSync(join(f.dir, 'mine.txt'), 4321, 8765);
    symlinkSync('mine.txt', join(f.dir, 'to-mine'));
    expect(f.berth('cp', '-a', '-L', 'to-mine', 'web:/tmp/mine-copy').status).toBe(0);
    expect(sh('stat -c "%u:%g %F" /tmp/mine-copy').stdout).toBe('4321:8765 regular file\n');
    expect(f.berth('cp', 'mine.txt', 'web:/tmp/mine-root').status).toBe(0);
    expect(sh('stat -c "%u:%g" /tmp/mine-root').stdout).toBe('0:0\n');
  });

  it('needs exactly one container side, an existing destination parent, and no tar stream', () => {
    expect(f.berth('cp', 'a.txt', 'web:/no/such/dir/a.txt').stderr).toContain('no such directory in the container: /no/such/dir');
    expect(sh('ls -d /no 2>&1').stdout).toContain('No such file or directory');
    expect(f.berth('cp', 'web:/tmp/a.txt', '-').stderr).toContain('berth cp does not read or write tar streams (-)');
    expect(existsSync(join(f.dir, '-'))).toBe(false);
    expect(f.berth('cp', 'a.txt', 'b.txt').stderr).toContain('cp needs exactly one container path');
    expect(f.berth('cp', 'web:/a', 'web:/b').stderr).toContain('cp needs exactly one container path');
  });
});
