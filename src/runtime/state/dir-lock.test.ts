/** withDirLock: holders of one directory take turns (in one process and across processes); a missing directory runs unlocked. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withDirLock } from './dir-lock.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-dir-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('withDirLock', () => {
  it('lets one holder in at a time and leaves no file behind', async () => {
    const log: string[] = [];
    const holder = (name: string) => withDirLock(dir, async () => {
      log.push(`${name} in`);
      await new Promise((r) => setTimeout(r, 20));
      log.push(`${name} out`);
    });
    await Promise.all([holder('a'), holder('b')]);
    expect(log).toEqual(['a in', 'a out', 'b in', 'b out']);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('waits for a holder in another process, and gets the lock when that process dies', async () => {
    // util-linux flock(1) holds the lock on `dir` while `sleep` runs (in its own process group, killed whole).
    const other = spawn('flock', ['-x', dir, 'sleep', '30'], { stdio: 'ignore', detached: true });
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    setTimeout(() => process.kill(-other.pid!, 'SIGKILL'), 150);
    await withDirLock(dir, () => undefined);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('runs unlocked when the directory does not exist', async () => {
    expect(await withDirLock(join(dir, 'gone'), () => 'ran')).toBe('ran');
  });
});
