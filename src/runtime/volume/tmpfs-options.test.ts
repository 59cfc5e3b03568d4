import { describe, expect, it } from 'vitest';
import { parseSize, parseTmpfsEntry } from './tmpfs-options.js';

describe('tmpfs options', () => {
  it('reads sizes as Docker does, in binary multiples', () => {
    expect(parseSize(4096, 'x')).toBe(4096);
    expect(parseSize('65536k', 'x')).toBe(65536 * 1024);
    expect(parseSize('64m', 'x')).toBe(64 * 1024 * 1024);
    expect(parseSize('1G', 'x')).toBe(1024 ** 3);
    expect(parseSize('2mb', 'x')).toBe(2 * 1024 * 1024);
    expect(parseSize('1.5k', 'x')).toBe(1536);
    expect(() => parseSize('lots', 'service web tmpfs /t')).toThrow(/service web tmpfs \/t: size "lots" is not valid/);
  });

  it('reads the short entries of `tmpfs:`', () => {
    expect(parseTmpfsEntry('/run', 'service web')).toEqual({ target: '/run' });
    expect(parseTmpfsEntry('/run:rw,nosuid,size=64m,mode=1777', 'service web')).toEqual({ target: '/run', size: 64 * 1024 * 1024, mode: 0o1777 });
    expect(parseTmpfsEntry('/cache:ro', 'service web')).toEqual({ target: '/cache', readOnly: true });
  });

  it('refuses options the runtime cannot apply and relative targets', () => {
    expect(() => parseTmpfsEntry('/run:noexec', 'service web')).toThrow(/service web tmpfs \/run: option "noexec" is not supported/);
    expect(() => parseTmpfsEntry('/run:uid=1000', 'service web')).toThrow(/not supported/);
    expect(() => parseTmpfsEntry('/run:mode=999', 'service web')).toThrow(/not supported/);
    expect(() => parseTmpfsEntry('run', 'service web')).toThrow(/must be an absolute path/);
  });
});
