import { describe, expect, it } from 'vitest';
import { OutputTail } from './exec-output-tail.js';

describe('output tail', () => {
  it('keeps everything under the bound', () => {
    const tail = new OutputTail(16);
    tail.push(Buffer.from('abc'));
    tail.push(Buffer.from('def\n'));
    expect(tail.text()).toBe('abcdef\n');
  });

  it('keeps the last bytes across chunks, dropping old chunks', () => {
    const tail = new OutputTail(5);
    for (const part of ['0123', '4567', '89']) tail.push(Buffer.from(part));
    expect(tail.text()).toBe('56789');
  });

  it('starts on a whole UTF-8 character', () => {
    const tail = new OutputTail(4);
    tail.push(Buffer.from('xé€')); // é is 2 bytes, € is 3: the last 4 bytes start inside é
    expect(tail.text()).toBe('€');
  });

  it('is empty with no output', () => {
    expect(new OutputTail(8).text()).toBe('');
  });
});
