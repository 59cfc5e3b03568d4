import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readJsonAsync, withQueuedLock, writeJsonAtomicAsync } from './atomic-file.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-im-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('async atomic records and the queued lock', () => {
  it('writes records whole, in a made directory, with the asked mode, and leaves no temp file', async () => {
    const path = join(dir, 'a', 'b', 'record.json');
    await Promise.all(Array.from({ length: 10 }, (_, i) => writeJsonAtomicAsync(path, { i }, { mode: 0o600 })));
    expect((await readJsonAsync<{ i: number }>(path))?.i).toBeGreaterThanOrEqual(0);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['record.json']);
    expect(await readJsonAsync(join(dir, 'missing.json'))).toBeUndefined();
  });

  it('serialises holders of one process, in order, and takes over a dead owner\'s lock', async () => {
    const lock = join(dir, 'locks', 'x.lock');
    await writeJsonAtomicAsync(lock, spawnSync('true').pid);
    const order: string[] = [];
    const hold = (name: string) => withQueuedLock(lock, async () => {
      order.push(`${name}+`);
      await new Promise((r) => setTimeout(r, 10));
      order.push(`${name}-`);
      return name;
    });
    expect(await Promise.all([hold('a'), hold('b'), hold('c')])).toEqual(['a', 'b', 'c']);
    expect(order).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
    expect(existsSync(lock)).toBe(false);
  });

  it('releases the lock when the holder fails, and gives up after waitMs on a live owner', async () => {
    const lock = join(dir, 'locks', 'y.lock');
    await expect(withQueuedLock(lock, () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(existsSync(lock)).toBe(false);
    writeFileSync(lock, String(process.ppid));
    await expect(withQueuedLock(lock, () => 'never', { waitMs: 50 })).rejects.toMatchObject({ code: 'state.locked' });
    rmSync(lock);
  });
});
