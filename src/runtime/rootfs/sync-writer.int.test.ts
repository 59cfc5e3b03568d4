import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySync } from './sync-writer.js';

describe.skipIf(process.getuid?.() !== 0)('applySync on an overlay merged dir (needs root to mount overlayfs and chown)', () => {
  let base = '';
  let merged = '';
  let mounted = false;
  const dir = (name: string) => join(base, name);

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'berth-sync-int-test-'));
    for (const d of ['lower/app', 'upper', 'work', 'merged', 'host']) mkdirSync(dir(d), { recursive: true });
    writeFileSync(dir('lower/app/keep.txt'), 'image');
    writeFileSync(dir('lower/app/gone.txt'), 'image');
    merged = dir('merged');
    execFileSync('mount', ['-t', 'overlay', 'overlay', '-o', `lowerdir=${dir('lower')},upperdir=${dir('upper')},workdir=${dir('work')}`, merged]);
    mounted = true;
  });

  afterAll(() => {
    if (mounted) execFileSync('umount', [merged]);
    if (base !== '') rmSync(base, { recursive: true, force: true });
  });

  it('writes through the overlay and deletes lower files with a whiteout', async () => {
    writeFileSync(dir('host/keep.txt'), 'host');
    writeFileSync(dir('host/new.txt'), 'new');
    const report = await applySync([
      { source: dir('host/keep.txt'), target: '/app/keep.txt' },
      { source: dir('host/new.txt'), target: '/app/new.txt' },
      { source: dir('host/gone.txt'), target: '/app/gone.txt' },
    ], { root: merged });
    expect(report).toMatchObject({ written: ['/app/keep.txt', '/app/new.txt'], removed: ['/app/gone.txt'], failed: [] });
    expect(readFileSync(join(merged, 'app/keep.txt'), 'utf8')).toBe('host');
    expect(existsSync(join(merged, 'app/gone.txt'))).toBe(false);
    expect(lstatSync(dir('upper/app/gone.txt')).isCharacterDevice()).toBe(true);
    expect(readFileSync(dir('lower/app/keep.txt'), 'utf8')).toBe('image');
  });

  it('sets the owner from the source or from fixed ids', async () => {
    writeFileSync(dir('host/owned.txt'), 'o');
    chownSync(dir('host/owned.txt'), 1234, 2345);
    await applySync([{ source: dir('host/owned.txt'), target: '/app/owned.txt' }], { root: merged, owner: 'source' });
    expect(statSync(join(merged, 'app/owned.txt'))).toMatchObject({ uid: 1234, gid: 2345 });
    await applySync([{ source: dir('host/owned.txt'), target: '/app/fixed.txt' }], { root: merged, owner: { uid: 1000, gid: 1000 } });
    expect(statSync(join(merged, 'app/fixed.txt'))).toMatchObject({ uid: 1000, gid: 1000 });
  });
});
