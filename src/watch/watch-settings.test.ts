import { describe, expect, it } from 'vitest';
import { DEFAULT_DEBOUNCE_MS, DEFAULT_MAX_WAIT_MS } from './debounce.js';
import { watchSettings } from './watch-settings.js';

describe('watchSettings', () => {
  it('defaults without x-berth or without its watch key', () => {
    const defaults = { quietMs: DEFAULT_DEBOUNCE_MS, maxWaitMs: DEFAULT_MAX_WAIT_MS };
    expect(watchSettings(undefined)).toEqual(defaults);
    expect(watchSettings({ other: 1 })).toEqual(defaults);
  });

  it('reads debounce and max_wait as Compose durations', () => {
    expect(watchSettings({ watch: { debounce: '80ms' } })).toEqual({ quietMs: 80, maxWaitMs: DEFAULT_MAX_WAIT_MS });
    expect(watchSettings({ watch: { debounce: '1.5s', max_wait: '3s' } })).toEqual({ quietMs: 1500, maxWaitMs: 3000 });
    expect(watchSettings({ watch: { debounce: '2s' } })).toEqual({ quietMs: 2000, maxWaitMs: 2000 });
  });

  it.each([
    [{ watch: { debounce: 'soon' } }, 'watch setting x-berth.watch.debounce value "soon" is not a duration'],
    [{ watch: { debounse: '80ms' } }, 'watch setting x-berth.watch.debounse is not a known setting'],
    [{ watch: 'fast' }, 'watch setting x-berth.watch must be a mapping'],
    [{ watch: { debounce: '500ms', max_wait: '100ms' } }, 'watch setting x-berth.watch.max_wait (100 ms) is shorter than debounce (500 ms)'],
  ])('rejects %j', (value, message) => {
    expect(() => watchSettings(value)).toThrow(expect.objectContaining({ code: 'watch.invalid-setting', errorClass: 'invalid', message }));
  });
});
