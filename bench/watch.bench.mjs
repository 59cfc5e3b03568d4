#!/usr/bin/env node
// Watch sync benchmark (contract in bench/run.mjs): from a file's write on the host to the batch applied in
// a container root (here a temp dir), through the real loop: chokidar, the default debounce, planBatch and
// the confined sync writer. Median of 25 saves, debounce included; and one 1,000-file burst (its batch
// count is noted: one unless the machine stalls chokidar for longer than the quiet period).
// Needs the built dist/; no root (temp dirs only, removed at the end). Hot restart is measured with `up`.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SAVES = 25;
const root = new URL('..', import.meta.url).pathname;
const { prepareWatch, planBatch, watchBatches, DEFAULT_DEBOUNCE_MS, DEFAULT_MAX_WAIT_MS } = await import(join(root, 'dist/src/watch/index.js'));
const { applySync } = await import(join(root, 'dist/src/runtime/rootfs/sync-writer.js'));

const row = (r) => process.stdout.write(`${JSON.stringify(r)}\n`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const base = mkdtempSync(join(tmpdir(), 'berth-watch-bench-'));
const src = join(base, 'src');
const container = join(base, 'rootfs');
mkdirSync(src);
mkdirSync(container);
writeFileSync(join(src, 'index.html'), 'v0');

const setup = prepareWatch([{ service: 'web', hasBuild: false, running: true, rules: [{ path: src, action: 'sync', target: '/www', ignore: [], include: [], initialSync: false }] }], existsSync);
let onApplied = () => undefined;
let batches = 0;
const loop = await watchBatches(setup, {
  debounce: { quietMs: DEFAULT_DEBOUNCE_MS, maxWaitMs: DEFAULT_MAX_WAIT_MS },
  onBatch: async (events) => {
    batches++;
    for (const service of planBatch(setup, events).services) await applySync(service.sync, { root: container });
    onApplied();
  },
  onError: (error) => process.stderr.write(`watch error: ${error.message}\n`),
});

/** Runs `change`, resolves with the ms until the batch that follows it is applied and `done()` holds. */
async function timed(change, done) {
  const applied = new Promise((resolve) => (onApplied = resolve));
  const start = performance.now();
  change();
  for (;;) {
    await Promise.race([applied, sleep(5000)]);
    if (done()) return performance.now() - start;
    await new Promise((resolve) => (onApplied = resolve));
  }
}

try {
  const times = [];
  for (let i = 1; i <= SAVES; i++) {
    const content = `v${i}`;
    times.push(await timed(() => writeFileSync(join(src, 'index.html'), content), () => readFileSync(join(container, 'www/index.html'), 'utf8') === content));
    await sleep(20);
  }
  row({ name: `watch: save to synced, debounce ${DEFAULT_DEBOUNCE_MS} ms included (median of ${SAVES})`, value: median(times), unit: 'ms', target: '<= 100 ms' });
  const before = batches;
  const burst = await timed(() => {
    for (let i = 0; i < 1000; i++) writeFileSync(join(src, `burst-${i}.txt`), String(i));
  }, () => readdirSync(join(container, 'www')).length === 1001);
  const count = batches - before;
  row({ name: 'watch: 1,000-file burst, first write to all synced', value: burst, unit: 'ms', target: 'one batch', note: `${count} batch${count === 1 ? '' : 'es'}; includes writing the files` });
} finally {
  await loop.close();
  rmSync(base, { recursive: true, force: true });
}
