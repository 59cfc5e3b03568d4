import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySync } from '../runtime/rootfs/sync-writer.js';
import { planBatch, planInitialSync } from './batch-plan.js';
import { DEFAULT_DEBOUNCE_MS, DEFAULT_MAX_WAIT_MS } from './debounce.js';
import { watchBatches, type WatchLoop } from './watch-batches.js';
import { prepareWatch, type WatchSetup } from './watch-setup.js';

describe('watch loop syncing into a container root', () => {
  let base = '';
  let src = '';
  let root = '';
  let setup: WatchSetup;
  let loop: WatchLoop | undefined;
  let applied = 0;

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'berth-watch-sync-test-'));
    src = join(base, 'src');
    root = join(base, 'root');
    mkdirSync(src);
    mkdirSync(join(root, 'etc'), { recursive: true });
    symlinkSync('/etc', join(root, 'www'));
    writeFileSync(join(src, 'index.html'), 'v1');
    writeFileSync(join(src, 'old.html'), 'old');
    setup = prepareWatch([{ service: 'web', hasBuild: false, running: true, rules: [{ path: src, action: 'sync', target: '/www', ignore: [], include: [], initialSync: true }] }], existsSync);
    loop = await watchBatches(setup, {
      debounce: { quietMs: DEFAULT_DEBOUNCE_MS, maxWaitMs: DEFAULT_MAX_WAIT_MS },
      onBatch: async (events) => {
        for (const service of planBatch(setup, events).services) await applySync(service.sync, { root });
        applied++;
      },
      onError: (error) => { throw error; },
    });
    for (const service of planInitialSync(setup, loop.existing).services) await applySync(service.sync, { root });
  });

  afterAll(async () => {
    await loop?.close();
    if (base !== '') rmSync(base, { recursive: true, force: true });
  });

  async function nextBatch(change: () => void): Promise<void> {
    const before = applied;
    change();
    const deadline = Date.now() + 3000;
    while (applied === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 2 * DEFAULT_DEBOUNCE_MS));
  }

  it('copied the existing files at start (initial_sync), through the container\'s own /www symlink', () => {
    expect(readdirSync(join(root, 'etc')).sort()).toEqual(['index.html', 'old.html']);
    expect(existsSync('/etc/old.html')).toBe(false);
  });

  it('shows a changed, a new, a deleted and a renamed file', async () => {
    await nextBatch(() => {
      writeFileSync(join(src, 'index.html'), 'v2');
      writeFileSync(join(src, 'new.html'), 'new');
      unlinkSync(join(src, 'index.html'));
      writeFileSync(join(src, 'index.html'), 'v3');
      renameSync(join(src, 'old.html'), join(src, 'renamed.html'));
    });
    expect(readdirSync(join(root, 'etc')).sort()).toEqual(['index.html', 'new.html', 'renamed.html']);
    expect(readFileSync(join(root, 'etc/index.html'), 'utf8')).toBe('v3');
  });

  it('never syncs editor temp files', async () => {
    await nextBatch(() => {
      writeFileSync(join(src, '.index.html.swp'), 'swap');
      writeFileSync(join(src, 'index.html~'), 'backup');
      writeFileSync(join(src, 'new.html'), 'new2');
    });
    expect(readdirSync(join(root, 'etc')).sort()).toEqual(['index.html', 'new.html', 'renamed.html']);
  });
});
