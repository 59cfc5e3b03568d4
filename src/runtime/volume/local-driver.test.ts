import { describe, expect, it } from 'vitest';
import { BerthError } from '../../errors/index.js';
import { volumeBacking } from './local-driver.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof BerthError ? error.code : 'not-a-berth-error';
  }
  return undefined;
}

describe('the local driver options', () => {
  it('backs a volume without options by a plain directory', () => {
    expect(volumeBacking('vt-a', undefined, {})).toEqual({ kind: 'dir' });
    expect(volumeBacking('vt-a', 'local', {})).toEqual({ kind: 'dir' });
  });

  it('reads type tmpfs with its mount options', () => {
    expect(volumeBacking('vt-a', 'local', { type: 'tmpfs', device: 'tmpfs', o: 'size=10m,uid=1000' }))
      .toEqual({ kind: 'tmpfs', options: ['size=10m', 'uid=1000'] });
  });

  it('reads o: bind with an absolute device, read-only when asked', () => {
    expect(volumeBacking('vt-a', undefined, { type: 'none', o: 'bind', device: '/srv/data' })).toEqual({ kind: 'bind', device: '/srv/data', readOnly: false });
    expect(volumeBacking('vt-a', undefined, { o: 'bind,ro', device: '/srv/data' })).toEqual({ kind: 'bind', device: '/srv/data', readOnly: true });
  });

  it('refuses what it cannot do, naming the volume', () => {
    expect(codeOf(() => volumeBacking('vt-a', 'rexray', {}))).toBe('volume.driver-unsupported');
    expect(codeOf(() => volumeBacking('vt-a', 'local', { type: 'nfs', o: 'addr=10.0.0.1', device: ':/export' }))).toBe('volume.driver-unsupported');
    expect(codeOf(() => volumeBacking('vt-a', 'local', { size: '10G' }))).toBe('volume.driver-unsupported');
    expect(codeOf(() => volumeBacking('vt-a', 'local', { type: 'tmpfs', o: 'size=1m,,huge=always' }))).toBe('volume.driver-unsupported');
    expect(codeOf(() => volumeBacking('vt-a', 'local', { o: 'bind', device: 'relative/dir' }))).toBe('volume.device-invalid');
    expect(codeOf(() => volumeBacking('vt-a', 'local', { type: 'ext4', o: 'bind', device: '/dev/sdb' }))).toBe('volume.driver-unsupported');
    expect(() => volumeBacking('vt-a', 'rexray', {})).toThrow(/volume vt-a: driver rexray is not supported/);
  });
});
