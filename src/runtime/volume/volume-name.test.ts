import { describe, expect, it } from 'vitest';
import { checkVolumeName } from './volume-name.js';

describe('volume names', () => {
  it('accepts Docker\'s names and refuses anything that could leave the volumes dir', () => {
    for (const ok of ['vt-data', 'proj_db', 'a.b', 'x1']) expect(() => checkVolumeName(ok)).not.toThrow();
    for (const bad of ['', 'a', '..', '../etc', 'a/b', '-x', '.hidden', 'a b']) expect(() => checkVolumeName(bad)).toThrow(/is not valid/);
  });
});
