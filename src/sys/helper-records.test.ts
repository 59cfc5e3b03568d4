import { describe, expect, it } from 'vitest';
import { encodeRecords } from './helper-records.js';
import { helperError } from './helper-errors.js';

describe('helper records', () => {
  it('prefixes the version record and length-prefixes NUL-terminated fields', () => {
    const bytes = encodeRecords([['arg', 'echo'], ['arg', '']]);
    const decoded: string[][] = [];
    for (let off = 0; off < bytes.length;) {
      const len = bytes.readUInt32LE(off);
      decoded.push(bytes.subarray(off + 4, off + 4 + len).toString('utf8').split('\0').slice(0, -1));
      off += 4 + len;
    }
    expect(decoded).toEqual([['version', '1'], ['arg', 'echo'], ['arg', '']]);
  });

  it('refuses a field with a NUL byte', () => {
    expect(() => encodeRecords([['env', 'A=\0']])).toThrow(/NUL/);
  });
});

describe('helper errors', () => {
  it('names the container, the step and the errno, classified by step', () => {
    const e = helperError('web-1', { step: 'exec', errno: 2, message: 'exec nope in container web-1: No such file or directory' });
    expect(e.code).toBe('container.command-not-found');
    expect(e.errorClass).toBe('not-found');
    expect(e.message).toBe('container web-1: step exec failed: exec nope in container web-1: No such file or directory (errno 2)');
    expect(helperError('x', { step: 'pivot_root', errno: 22, message: 'm' }).code).toBe('container.pivot-root-failed');
  });
});
