import { describe, expect, it } from 'vitest';
import { MAX_PROBE_OUTPUT, probeArgv, trimOutput } from './probe-runner.js';

describe('probe argv', () => {
  it('runs CMD as is and CMD-SHELL through /bin/sh -c', () => {
    expect(probeArgv(['CMD', 'wget', '-q', 'http://localhost/'])).toEqual(['wget', '-q', 'http://localhost/']);
    expect(probeArgv(['CMD-SHELL', 'curl -f localhost || exit 1'])).toEqual(['/bin/sh', '-c', 'curl -f localhost || exit 1']);
  });

  it('refuses NONE, an empty CMD and unknown forms', () => {
    for (const test of [['NONE'], ['CMD'], ['SHELL', 'x'], []]) {
      expect(() => probeArgv(test)).toThrow(expect.objectContaining({ code: 'supervisor.bad-healthcheck' }));
    }
  });

  it('keeps the end of long output', () => {
    const long = `${'a'.repeat(MAX_PROBE_OUTPUT)}tail`;
    expect(trimOutput(long)).toHaveLength(MAX_PROBE_OUTPUT);
    expect(trimOutput(long).endsWith('tail')).toBe(true);
    expect(trimOutput('short')).toBe('short');
  });
});
