/** discard(): a directory is gone at once and removed from the trash in the background; dead processes' leftovers are swept. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discard, settleDiscards, sweepTrash } from './discard.js';

const base = mkdtempSync(join(tmpdir(), 'berth-discard-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function tree(path: string): string {
  mkdirSync(join(path, 'work', 'work', 'incompat'), { recursive: true });
  writeFileSync(join(path, 'container.log'), 'x');
  return path;
}

describe('discard', () => {
  it('takes a directory away at once and empties the trash by the time settleDiscards resolves', async () => {
    const trash = join(base, 'trash');
    const dir = tree(join(base, 'c1'));
    discard(dir, trash);
    expect(existsSync(dir)).toBe(false);
    await settleDiscards();
    expect(readdirSync(trash)).toEqual([]);
  });

  it('does nothing for a directory that is gone', async () => {
    discard(join(base, 'never-made'), join(base, 'trash'));
    await settleDiscards();
  });

  it('removes what a dead process left in the trash, and keeps a live one\'s', async () => {
    const trash = join(base, 'trash2');
    tree(join(trash, '999999999.1'));
    tree(join(trash, `${process.ppid}.1`));
    discard(tree(join(base, 'c2')), trash);
    await settleDiscards();
    expect(readdirSync(trash)).toEqual([`${process.ppid}.1`]);
  });

  it('sweeps a trash it never discarded into, and a trash that does not exist', async () => {
    const trash = join(base, 'trash3');
    tree(join(trash, '999999998.4'));
    sweepTrash(trash);
    sweepTrash(join(base, 'no-trash'));
    await settleDiscards();
    expect(readdirSync(trash)).toEqual([]);
  });
});
