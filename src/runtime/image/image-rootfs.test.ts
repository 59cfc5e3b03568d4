import { describe, expect, it } from 'vitest';
import { distinctTopmost, layerLowerDirs } from './image-rootfs.js';

describe('overlay lower dirs of an image', () => {
  it('keeps each repeated dir once, at its topmost place', () => {
    expect(distinctTopmost(['c', 'a', 'b', 'a', 'c'])).toEqual(['c', 'a', 'b']);
    expect(distinctTopmost([])).toEqual([]);
  });

  it('stacks layers top first and drops the lower copy of a repeated layer', () => {
    const roots = { root: '/r', run: '/x' };
    const layer = (n: string): { diffId: string; digest: string; size: number } => ({ diffId: `sha256:${n.repeat(64)}`, digest: `sha256:${n.repeat(64)}`, size: 1 });
    const dirs = layerLowerDirs(roots, [layer('a'), layer('b'), layer('a'), layer('c')]);
    expect(dirs).toHaveLength(3);
    expect(dirs[0]).toBe(layerLowerDirs(roots, [layer('c')])[0]);
    expect(dirs[1]).toBe(layerLowerDirs(roots, [layer('a')])[0]);
    expect(dirs[2]).toBe(layerLowerDirs(roots, [layer('b')])[0]);
  });
});
