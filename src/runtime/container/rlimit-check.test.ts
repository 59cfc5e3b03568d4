import { describe, expect, it } from 'vitest';
import { getrlimit, RLIMIT_RESOURCES } from '../../sys/rlimit.js';
import { checkRlimits } from './rlimit-check.js';

describe('ulimit checks before a container starts', () => {
  const ceiling = getrlimit(RLIMIT_RESOURCES['nofile']!).hard;

  it('accepts limits up to the caller\'s hard limit', () => {
    expect(() => checkRlimits('rt2-c', [{ name: 'nofile', soft: 64, hard: 128 }, { name: 'core', soft: 0, hard: 0 }])).not.toThrow();
  });

  it.skipIf(ceiling === -1)('refuses a hard limit above the machine\'s ceiling, naming limit, value and ceiling', () => {
    const error = (() => { try { checkRlimits('rt2-c', [{ name: 'nofile', soft: 1024, hard: ceiling + 1 }]); } catch (e) { return e; } return undefined; })();
    expect(error).toMatchObject({
      code: 'container.rlimit-refused',
      message: `container rt2-c: ulimit nofile hard limit ${ceiling + 1} is above this machine's ceiling of ${ceiling} (the hard limit berth runs with)`,
      hint: expect.stringContaining(`at most ${ceiling}`),
    });
    expect(() => checkRlimits('rt2-c', [{ name: 'nofile', soft: -1, hard: -1 }])).toThrow(/hard limit unlimited is above this machine's ceiling/);
  });

  it('refuses unknown names and a soft limit above the hard one', () => {
    expect(() => checkRlimits('rt2-c', [{ name: 'nofiles', soft: 1, hard: 1 }])).toThrow(/unknown ulimit nofiles/);
    expect(() => checkRlimits('rt2-c', [{ name: 'nofile', soft: 10, hard: 5 }])).toThrow(/soft limit 10 is above its hard limit 5/);
  });
});
