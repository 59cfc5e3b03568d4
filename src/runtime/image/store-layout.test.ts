import { describe, expect, it } from 'vitest';
import { layerLinkPath } from './store-layout.js';

describe('store layout', () => {
  it('keeps a 100-layer lowerdir option within a page under the default root', () => {
    const roots = { root: '/var/lib/berth', run: '/run/berth' };
    const lowerdir = Array.from({ length: 100 }, (_, i) => layerLinkPath(roots, `sha256:${i.toString(16).padStart(64, '0')}`)).join(':');
    expect(`lowerdir=${lowerdir},upperdir=/var/lib/berth/containers/0123456789ab/upper,workdir=/var/lib/berth/containers/0123456789ab/work`.length).toBeLessThan(4096);
  });
});
