import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DEBOUNCE_MS, DEFAULT_MAX_WAIT_MS } from './debounce.js';
import type { FileEvent } from './file-event.js';
import { watchBatches, type WatchLoop } from './watch-batches.js';
import { prepareWatch } from './watch-setup.js';

let dir: string;
let loop: WatchLoop | undefined;
let batches: FileEvent[][];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-watch-test-'));
  writeFileSync(join(dir, 'a.txt'), '1');
  mkdirSync(join(dir, 'd'));
  writeFileSync(join(dir, 'd/x'), 'x');
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, '.git/HEAD'), 'ref');
  batches = [];
  const setup = prepareWatch([{ service: 'web', hasBuild: false, running: true, rules: [{ path: dir, action: 'sync', target: '/app', ignore: ['*.log'], include: [], initialSync: false }] }], existsSync);
  loop = await watchBatches(setup, {
    debounce: { quietMs: DEFAULT_DEBOUNCE_MS, maxWaitMs: DEFAULT_MAX_WAIT_MS },
    onBatch: (events) => void batches.push(events),
    onError: (error) => { throw error; },
  });
});

afterEach(async () => {
  await loop?.close();
  loop = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const rel = (events: FileEvent[]) => events.map((e) => `${e.kind} ${e.path.slice(dir.length + 1)}`).sort();

async function settled(count = 1): Promise<string[][]> {
  const deadline = Date.now() + 3000;
  while (batches.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 4 * DEFAULT_DEBOUNCE_MS));
  return batches.map(rel);
}

describe('watchBatches on a real directory', () => {
  it('reports what existed at start, without .git', () => {
    expect(rel(loop!.existing)).toEqual(['add a.txt', 'add d/x', 'addDir ', 'addDir d']);
  });

  it('turns a write in place into one change', async () => {
    writeFileSync(join(dir, 'a.txt'), '2');
    expect(await settled()).toEqual([['change a.txt']]);
  });

  it('turns a write-then-rename save into one change of the target', async () => {
    writeFileSync(join(dir, '.a.txt.tmp'), '3');
    renameSync(join(dir, '.a.txt.tmp'), join(dir, 'a.txt'));
    expect(await settled()).toEqual([['change a.txt']]);
  });

  it('turns delete-and-recreate into one change', async () => {
    unlinkSync(join(dir, 'a.txt'));
    writeFileSync(join(dir, 'a.txt'), '4');
    const [batch] = await settled();
    expect(batch).toHaveLength(1);
    expect(batch![0]).toMatch(/^(add|change) a\.txt$/);
  });

  it('keeps a vim-style save (swap file, 4913 probe, backup rename) to the edited file', async () => {
    writeFileSync(join(dir, '.a.txt.swp'), 'swap');
    writeFileSync(join(dir, '4913'), '');
    unlinkSync(join(dir, '4913'));
    renameSync(join(dir, 'a.txt'), join(dir, 'a.txt~'));
    writeFileSync(join(dir, 'a.txt'), '5');
    unlinkSync(join(dir, 'a.txt~'));
    unlinkSync(join(dir, '.a.txt.swp'));
    writeFileSync(join(dir, 'debug.log'), 'ignored by the rule');
    writeFileSync(join(dir, '.git/HEAD'), 'ref2');
    const [batch] = await settled();
    expect(batch).toHaveLength(1);
    expect(batch![0]).toMatch(/^(add|change) a\.txt$/);
  });

  it('reports a directory created with a file in it', async () => {
    mkdirSync(join(dir, 'n'));
    writeFileSync(join(dir, 'n/f'), 'f');
    expect((await settled()).flat()).toEqual(['add n/f', 'addDir n']);
  });

  it('reports a directory rename as its removal and the new tree', async () => {
    renameSync(join(dir, 'd'), join(dir, 'e'));
    expect((await settled()).flat().sort()).toEqual(['add e/x', 'addDir e', 'unlink d/x', 'unlinkDir d']);
  });

  it('reports a deleted directory tree', async () => {
    rmSync(join(dir, 'd'), { recursive: true });
    expect((await settled()).flat().sort()).toEqual(['unlink d/x', 'unlinkDir d']);
  });

  it('gives one batch for a burst of 1,000 files', async () => {
    for (let i = 0; i < 1000; i++) writeFileSync(join(dir, `burst-${i}.txt`), String(i));
    await settled();
    const deadline = Date.now() + 3000;
    while (batches.flat().length < 1000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(1000);
  });
});

describe('watchBatches on a single-file rule', () => {
  it('keeps following the file across rename-over saves and delete-and-recreate', async () => {
    const base = mkdtempSync(join(tmpdir(), 'berth-watch-file-test-'));
    const file = join(base, 'nginx.conf');
    writeFileSync(file, '0');
    const seen: FileEvent[][] = [];
    const setup = prepareWatch([{ service: 'proxy', hasBuild: false, running: true, rules: [{ path: file, action: 'sync+restart', target: '/etc/nginx/nginx.conf', ignore: [], include: [], initialSync: false }] }], existsSync);
    const fileLoop = await watchBatches(setup, { debounce: { quietMs: DEFAULT_DEBOUNCE_MS, maxWaitMs: DEFAULT_MAX_WAIT_MS }, onBatch: (events) => void seen.push(events), onError: (error) => { throw error; } });
    const waitFor = async (count: number) => {
      const deadline = Date.now() + 3000;
      while (seen.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    };
    try {
      for (let i = 1; i <= 2; i++) {
        writeFileSync(join(base, '.nginx.conf.tmp'), String(i));
        renameSync(join(base, '.nginx.conf.tmp'), file);
        await waitFor(i);
      }
      unlinkSync(file);
      writeFileSync(file, '3');
      await waitFor(3);
      expect(seen.map((batch) => batch.map((e) => e.path))).toEqual([[file], [file], [file]]);
    } finally {
      await fileLoop.close();
      rmSync(base, { recursive: true, force: true });
    }
  });
});
