import { describe, expect, it } from 'vitest';
import { LogPrefixer } from './log-prefix.js';

describe('log prefixes', () => {
  it('pads names to the longest so the bars line up', () => {
    const p = new LogPrefixer(['web-1', 'worker-1'], { color: false, timestamps: false });
    expect(p.line('web-1', 'hello')).toBe('web-1     | hello');
    expect(p.line('worker-1', 'hi')).toBe('worker-1  | hi');
  });

  it('colours each container differently and adds timestamps when asked', () => {
    const p = new LogPrefixer(['a', 'b'], { color: true, timestamps: true });
    const t = new Date('2026-01-02T03:04:05.000Z');
    expect(p.line('a', 'x', t)).toBe('\x1b[36ma  |\x1b[0m 2026-01-02T03:04:05.000Z x');
    expect(p.line('b', 'y')).toBe('\x1b[33mb  |\x1b[0m y');
  });
});
