import { describe, expect, it } from 'vitest';
import { containerId } from './naming.js';

describe('containerId', () => {
  it('is stable, and differs for a replacement and for another install', () => {
    const id = containerId('shop', 'shop-web-1', undefined);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(containerId('shop', 'shop-web-1', undefined)).toBe(id);
    expect(containerId('shop', 'shop-web-1', id)).not.toBe(id);
    expect(containerId('shop', 'shop-web-1', undefined, '/var/lib/berth')).not.toBe(id);
    expect(containerId('shop', 'shop-web-1', undefined, '/tmp/ci-root')).not.toBe(containerId('shop', 'shop-web-1', undefined, '/var/lib/berth'));
  });
});
