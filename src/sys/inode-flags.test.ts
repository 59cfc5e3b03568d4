/** addInodeFlags on the filesystems at hand: the flag is set where inode flags exist, refused (false) on tmpfs. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addInodeFlags, FS_TOPDIR_FL } from './inode-flags.js';

const dirs: string[] = [];
afterAll(() => { for (const dir of dirs) rmSync(dir, { recursive: true, force: true }); });
const made = (parent: string): string => { const dir = mkdtempSync(join(parent, 'berth-inode-flags-')); dirs.push(dir); return dir; };
const flagsOf = (dir: string): string => execFileSync('lsattr', ['-d', dir], { encoding: 'utf8' }).split(' ')[0] ?? '';

describe('addInodeFlags', () => {
  // /var/tmp is on the disk (ext4 on the machines berth is tested on), never a tmpfs.
  it('adds TOPDIR on ext4, as chattr +T would, and says so again when it is set', () => {
    const dir = made('/var/tmp');
    expect(addInodeFlags(dir, FS_TOPDIR_FL)).toBe(true);
    expect(flagsOf(dir)).toContain('T');
    expect(addInodeFlags(dir, FS_TOPDIR_FL)).toBe(true);
  });

  it('answers false on tmpfs, which has no inode flags', () => {
    expect(addInodeFlags(made('/dev/shm'), FS_TOPDIR_FL)).toBe(false);
  });
});
