import { describe, expect, it } from 'vitest';
import { entryComponents, linkTargetComponents } from './tar-path.js';

describe('layer entry names', () => {
  it('confines entry names and hard-link targets', () => {
    expect(entryComponents('./a//b/./c/')).toEqual(['a', 'b', 'c']);
    expect(entryComponents('./')).toEqual([]);
    expect(() => entryComponents('a/../../b')).toThrow(/layer entry 'a\/\.\.\/\.\.\/b' has a '\.\.' component/);
    expect(() => entryComponents('/etc/passwd')).toThrow(/absolute path/);
    expect(() => linkTargetComponents('h', '/etc/shadow')).toThrow(/hard link to the absolute path/);
  });

});
