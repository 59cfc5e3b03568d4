#!/usr/bin/env node
// Watch sync benchmark (contract in bench/run.mjs): from a file's write on the host to the batch applied in
// a container root (here a temp dir), through the real loop: chokidar, the default debounce, planBatch and
// the confined sync writer. Median of 25 saves, debounce included; and one 1,000-file burst (its batch
// count is noted: one unless the machine stalls chokidar for longer than the quiet period).
// Needs the built dist/; no root (temp dirs only, removed at the end).
// Then through the real CLI (root only): `berth watch` on a copy of fixtures/e2e/watch (busybox httpd),
// sync latency (host write to the new content readable in the container's root, via /proc/<pid>/root)
// and hot-restart latency (host write to the restarted httpd answering with the new content over HTTP),
// medians of 25 saves each, debounce included; the project is taken down and the temp dirs removed.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
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

if (process.getuid?.() !== 0) {
  for (const [name, target] of [['watch CLI: save to visible in the container', '<= 100 ms'], ['watch CLI: save to restarted service answering', '<= 200 ms']]) row({ name, value: null, unit: 'ms', target, note: 'needs root' });
} else {
  await cliBench();
}

/** `berth watch` as a real process: sync and hot-restart latency, medians of SAVES saves. */
async function cliBench() {
  const dir = mkdtempSync(join(tmpdir(), 'berth-watch-cli-bench-'));
  const proj = join(dir, 'proj');
  const env = { ...process.env, BERTH_ROOT: join(dir, 'root'), BERTH_RUN: join(dir, 'run'), BERTH_NETWORK_POOL: '10.231.128.0/18', BERTH_IP_FORWARD: 'keep', NO_COLOR: '1', WEB_PORT: String(await freePort()) };
  const berth = (args) => spawnSync(process.execPath, [join(root, 'bin/berth.js'), '-p', 'benchwatch', '-f', join(proj, 'compose.yaml'), ...args], { env, encoding: 'utf8' });
  let child;
  try {
    execFileSync(join(root, 'scripts/make-busybox-image.sh'), { env, stdio: ['ignore', 'ignore', 'inherit'] });
    cpSync(join(root, 'fixtures/e2e/watch'), proj, { recursive: true });
    child = spawn(process.execPath, [join(root, 'bin/berth.js'), '-p', 'benchwatch', '-f', join(proj, 'compose.yaml'), 'watch'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.resume();
    await new Promise((resolve, reject) => {
      let seen = '';
      child.stderr.on('data', (chunk) => { seen += chunk; if (seen.includes('Watch enabled')) resolve(); });
      child.once('exit', () => reject(new Error(`berth watch ended early:\n${seen}`)));
    });
    const port = Number(env.WEB_PORT);
    const started = () => startedRecord(env.BERTH_RUN);
    const sync = [];
    for (let i = 1; i <= SAVES; i++) {
      const content = `<p>save ${i}</p>\n`;
      const file = `/proc/${started().pid}/root/srv/www/index.html`;
      sync.push(await timedUntil(() => writeFileSync(join(proj, 'www/index.html'), content), () => readOr(file) === content, 1));
      await sleep(20);
    }
    row({ name: `watch CLI: save to visible in the container (median of ${SAVES})`, value: median(sync), unit: 'ms', target: '<= 100 ms' });
    const restart = [];
    for (let i = 1; i <= SAVES; i++) {
      const content = `greeting=${i}\n`;
      const before = started().pid;
      const answered = async () => ![0, before].includes(started().pid) && (await httpBody(port, '/conf/app.conf')) === content;
      restart.push(await timedUntil(() => writeFileSync(join(proj, 'conf/app.conf'), content), answered, 3));
      await sleep(20);
    }
    row({ name: `watch CLI: save to restarted service answering (median of ${SAVES})`, value: median(restart), unit: 'ms', target: '<= 200 ms', note: 'sync+restart; busybox httpd with init: true' });
  } finally {
    if (child !== undefined && child.exitCode === null) {
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    berth(['down', '-v', '-t', '0', '--progress', 'quiet']);
    if (!readFileSync('/proc/self/mounts', 'utf8').includes(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `change`, then polls `done` every `pollMs`; resolves with the ms from the change to `done()` holding. */
async function timedUntil(change, done, pollMs) {
  const start = performance.now();
  change();
  while (!(await done())) {
    if (performance.now() - start > 10_000) throw new Error('the change never showed up');
    await sleep(pollMs);
  }
  return performance.now() - start;
}

/** The web container's started.json ({pid: 0} while it restarts). */
function startedRecord(run) {
  for (const id of readdirSync(join(run, 'containers'))) {
    if (JSON.parse(readOr(join(run, 'containers', id, 'state.json')) ?? '{}').name !== 'benchwatch-web-1') continue;
    const record = readOr(join(run, 'containers', id, 'started.json'));
    if (record !== undefined) return JSON.parse(record);
  }
  return { pid: 0 };
}

function readOr(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

async function httpBody(port, path) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    return await response.text();
  } catch {
    return undefined;
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}
