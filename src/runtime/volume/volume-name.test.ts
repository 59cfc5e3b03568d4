import { describe, expect, it } from 'vitest';
import { anonymousVolumeName, checkVolumeName } from './volume-name.js';

describe('volume names', () => {
  it('accepts Docker\'s names and refuses anything that could leave the volumes dir', () => {
    for (const ok of ['vt-data', 'proj_db', 'a.b', 'x1']) expect(() => checkVolumeName(ok)).not.toThrow();
    for (const bad of ['', 'a', '..', '../etc', 'a/b', '-x', '.hidden', 'a b']) expect(() => checkVolumeName(bad)).toThrow(/is not valid/);
  });

  it('names anonymous volumes by container and target, the same every time', () => {
    const name = anonymousVolumeName('vt-web-1', '/data');
    expect(name).toMatch(/^[0-9a-f]{64}$/);
    expect(anonymousVolumeName('vt-web-1', '/data')).toBe(name);
    expect(anonymousVolumeName('vt-web-2', '/data')).not.toBe(name);
    expect(anonymousVolumeName('vt-web-1', '/cache')).not.toBe(name);
  });
});
