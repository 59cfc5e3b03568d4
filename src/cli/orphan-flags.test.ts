import { describe, expect, it } from 'vitest';
import { orphanChoices } from './orphan-flags.js';

describe('orphanChoices', () => {
  it('takes the flag, else COMPOSE_REMOVE_ORPHANS, read as Go booleans', () => {
    expect(orphanChoices(true, {})).toEqual({ removeOrphans: true, ignoreOrphans: false });
    expect(orphanChoices(undefined, { COMPOSE_REMOVE_ORPHANS: 'True' })).toEqual({ removeOrphans: true, ignoreOrphans: false });
    expect(orphanChoices(undefined, { COMPOSE_REMOVE_ORPHANS: 'yes' })).toEqual({ removeOrphans: false, ignoreOrphans: false });
  });

  it('ignores orphans with COMPOSE_IGNORE_ORPHANS, which wins over COMPOSE_REMOVE_ORPHANS and refuses the flag', () => {
    expect(orphanChoices(undefined, { COMPOSE_IGNORE_ORPHANS: '1', COMPOSE_REMOVE_ORPHANS: '1' })).toEqual({ removeOrphans: false, ignoreOrphans: true });
    expect(() => orphanChoices(true, { COMPOSE_IGNORE_ORPHANS: 'true' })).toThrow(expect.objectContaining({ code: 'orphans.conflict' }));
  });
});
