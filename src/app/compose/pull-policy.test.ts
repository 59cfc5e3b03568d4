/** policyPulls(): which pull_policy values pull, for `berth pull` and for `up`. */
import { describe, expect, it } from 'vitest';
import { policyPulls } from './preflight.js';

describe('policyPulls', () => {
  it('pulls always/refresh every time, never/build never, missing/if_not_present only when absent', () => {
    for (const p of ['always', 'refresh']) expect([policyPulls(p, true, 'when-missing'), policyPulls(p, false, 'always')]).toEqual([true, true]);
    for (const p of ['never', 'build']) expect([policyPulls(p, false, 'always'), policyPulls(p, true, 'always')]).toEqual([false, false]);
    for (const p of ['missing', 'if_not_present']) expect([policyPulls(p, false, 'always'), policyPulls(p, true, 'always')]).toEqual([true, false]);
  });

  it('pulls the periodic policies every time for berth pull, and for up only when absent', () => {
    for (const p of ['daily', 'weekly', 'every_12h']) {
      expect(policyPulls(p, true, 'always')).toBe(true);
      expect([policyPulls(p, true, 'when-missing'), policyPulls(p, false, 'when-missing')]).toEqual([false, true]);
    }
  });
});
