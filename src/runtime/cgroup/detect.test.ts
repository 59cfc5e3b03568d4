/** Mode detection and group names, against fake mount roots made of plain temp directories. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectCgroupMode } from './detect.js';
import { chainDirs, checkGroupName, leafGroups } from './group-name.js';

let root = '';
const touch = (path: string): void => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), '');
};

afterEach(() => {
  if (root !== '') rmSync(root, { recursive: true, force: true });
  root = '';
});

describe('detectCgroupMode', () => {
  const fresh = (): string => (root = mkdtempSync(join(tmpdir(), 'berth-cg-detect-')));

  it('sees pure v2 by cgroup.controllers at the root', () => {
    fresh();
    touch('cgroup.controllers');
    expect(detectCgroupMode(root)).toBe('v2');
  });

  it('sees hybrid when v1 controllers sit beside a cgroup2 at unified/', () => {
    fresh();
    touch('memory/cgroup.procs');
    touch('unified/cgroup.controllers');
    expect(detectCgroupMode(root)).toBe('hybrid');
  });

  it('sees pure v1 by per-controller directories', () => {
    fresh();
    touch('pids/cgroup.procs');
    expect(detectCgroupMode(root)).toBe('v1');
  });

  it('fails clearly when nothing is mounted', () => {
    fresh();
    expect(() => detectCgroupMode(root)).toThrow(expect.objectContaining({ code: 'cgroup.not-mounted', errorClass: 'precondition' }));
  });
});

describe('group names', () => {
  it('accepts nested names and lists their directory chain', () => {
    expect(checkGroupName('proj/3f2a_b.c-d')).toBe('proj/3f2a_b.c-d');
    expect(chainDirs('/cg/berth', 'proj/c1')).toEqual(['/cg/berth', '/cg/berth/proj', '/cg/berth/proj/c1']);
  });

  it('refuses names that could leave the berth parent', () => {
    for (const name of ['', '..', '../x', 'a/../b', '/abs', 'a//b', 'a/', '.hidden', 'sp ace']) {
      expect(() => checkGroupName(name), name).toThrow(expect.objectContaining({ code: 'cgroup.invalid-name' }));
    }
  });

  it('lists only leaf groups', () => {
    root = mkdtempSync(join(tmpdir(), 'berth-cg-leaves-'));
    for (const dir of ['proj/a', 'proj/b', 'solo']) mkdirSync(join(root, dir), { recursive: true });
    touch('proj/cgroup.procs');
    expect(leafGroups(root).sort()).toEqual(['proj/a', 'proj/b', 'solo']);
    expect(leafGroups(join(root, 'missing'))).toEqual([]);
  });
});
