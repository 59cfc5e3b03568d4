/** Teardown helpers on plain temp dirs: bounded draining, and removal that keeps `berth` and non-empty groups. */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeChain, removeMade } from './group-dirs.js';
import { drainGroup, removeGroupDir } from './group-removal.js';

let root = '';
afterEach(() => {
  if (root !== '') rmSync(root, { recursive: true, force: true });
  root = '';
});

describe('drainGroup', () => {
  it('returns once the group is empty, killing while it is not', () => {
    const left = [[7, 8], [8], []];
    let kills = 0;
    drainGroup('berth/x', () => left.shift() ?? [], () => kills++);
    expect(kills).toBe(2);
  });

  it('gives up after the timeout naming the group and the processes left', () => {
    expect(() => drainGroup('berth/stuck', () => [41, 42], () => undefined, 20)).toThrow(
      expect.objectContaining({ code: 'cgroup.busy', message: 'cgroup berth/stuck still has processes 41, 42 after 20 ms' }),
    );
  });
});

describe('group directories', () => {
  it('removes the group, its children and emptied parents, but never the berth parent or a busy sibling', () => {
    root = mkdtempSync(join(tmpdir(), 'berth-cg-removal-'));
    const base = join(root, 'berth');
    for (const dir of ['proj/a/child', 'proj/b', 'other/c']) mkdirSync(join(base, dir), { recursive: true });
    removeGroupDir('berth/proj/a', base, join(base, 'proj/a'));
    expect(existsSync(join(base, 'proj/a'))).toBe(false);
    expect(existsSync(join(base, 'proj/b'))).toBe(true);
    removeGroupDir('berth/proj/b', base, join(base, 'proj/b'));
    removeGroupDir('berth/proj/b', base, join(base, 'proj/b'));
    expect(existsSync(join(base, 'proj'))).toBe(false);
    expect(existsSync(join(base, 'other/c'))).toBe(true);
    removeGroupDir('berth/other/c', base, join(base, 'other/c'));
    expect(existsSync(base)).toBe(true);
  });

  it('makes a chain, refuses an existing group, and undoes only what it made', () => {
    root = mkdtempSync(join(tmpdir(), 'berth-cg-chain-'));
    const base = join(root, 'berth');
    mkdirSync(join(base, 'proj'), { recursive: true });
    const made = makeChain('berth/proj/x/y', base, 'proj/x/y', () => undefined);
    expect(made).toEqual([join(base, 'proj/x'), join(base, 'proj/x/y')]);
    expect(() => makeChain('berth/proj/x/y', base, 'proj/x/y', () => undefined)).toThrow(expect.objectContaining({ code: 'cgroup.exists' }));
    expect(existsSync(join(base, 'proj/x/y'))).toBe(true);
    removeMade(made);
    expect(existsSync(join(base, 'proj/x'))).toBe(false);
    expect(existsSync(join(base, 'proj'))).toBe(true);
  });
});
