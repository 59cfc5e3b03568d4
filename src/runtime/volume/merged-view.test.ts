import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupChild, mergedNames, resolveInImage } from './merged-view.js';

describe('the merged view of image layers', () => {
  let dir: string;
  let lowers: string[];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'berth-vt-merged-'));
    const [top, bottom] = [join(dir, 'top'), join(dir, 'bottom')];
    mkdirSync(join(bottom, 'etc/app'), { recursive: true });
    writeFileSync(join(bottom, 'etc/app/base.conf'), 'base');
    writeFileSync(join(bottom, 'etc/app/over.conf'), 'bottom');
    mkdirSync(join(bottom, 'replaced'));
    writeFileSync(join(bottom, 'replaced/inner'), 'hidden by a file above');
    mkdirSync(join(top, 'etc/app'), { recursive: true });
    writeFileSync(join(top, 'etc/app/over.conf'), 'top');
    writeFileSync(join(top, 'replaced'), 'a file now');
    symlinkSync('/etc/app', join(top, 'abs-link'));
    symlinkSync('../../../../etc/app', join(top, 'etc/escape'));
    symlinkSync('loop-b', join(top, 'loop-a'));
    symlinkSync('loop-a', join(top, 'loop-b'));
    lowers = [top, bottom];
  });
  afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

  it('merges directories across layers, the upper entry winning', () => {
    const app = resolveInImage(lowers, '/etc/app');
    expect(app).toEqual({ kind: 'dir', layers: [join(dir, 'top/etc/app'), join(dir, 'bottom/etc/app')] });
    if (app.kind !== 'dir') return;
    expect(mergedNames(app.layers)).toEqual(['base.conf', 'over.conf']);
    expect(lookupChild(app.layers, 'over.conf')).toEqual({ kind: 'other', path: join(dir, 'top/etc/app/over.conf') });
  });

  it('hides a lower directory under an upper non-directory', () => {
    expect(resolveInImage(lowers, '/replaced')).toEqual({ kind: 'other', path: join(dir, 'top/replaced') });
    expect(resolveInImage(lowers, '/replaced/inner')).toEqual({ kind: 'missing' });
  });

  it('follows symlinks inside the image root only, and gives up on loops', () => {
    expect(resolveInImage(lowers, '/abs-link')).toMatchObject({ kind: 'dir', layers: [join(dir, 'top/etc/app'), join(dir, 'bottom/etc/app')] });
    expect(resolveInImage(lowers, '/etc/escape/base.conf')).toEqual({ kind: 'other', path: join(dir, 'bottom/etc/app/base.conf') });
    expect(resolveInImage(lowers, '/loop-a')).toEqual({ kind: 'missing' });
    expect(resolveInImage(lowers, '/nowhere/at/all')).toEqual({ kind: 'missing' });
  });
});
