import { describe, expect, it } from 'vitest';
import { parseByteSize, parseEnv, parseUlimit } from './runtime-options.js';

describe('runtime options', () => {
  it('parses sizes', () => {
    expect(parseByteSize('--memory', '64m')).toBe(64 * 1024 * 1024);
    expect(parseByteSize('--memory', '1g')).toBe(1024 ** 3);
    expect(parseByteSize('--memory', '512')).toBe(512);
    expect(() => parseByteSize('--memory', 'lots')).toThrow(/option --memory: "lots" is not a size/);
  });

  it('parses ulimits and env', () => {
    expect(parseUlimit('nofile=1024:2048')).toEqual({ name: 'nofile', soft: 1024, hard: 2048 });
    expect(parseUlimit('core=0')).toEqual({ name: 'core', soft: 0, hard: 0 });
    expect(parseEnv(['A=1', 'HOME', 'MISSING'], { HOME: '/root' })).toEqual(['A=1', 'HOME=/root']);
  });
});
