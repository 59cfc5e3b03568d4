#!/usr/bin/env node
// Runtime benchmark (contract in bench/run.mjs): start-to-exit of /bin/true in a full container through
// the TypeScript API (overlay rootfs, cgroup with limits, pid/mnt/uts/ipc/net/cgroup namespaces, removed
// after each run), median of 60 runs with the create / start-to-exit / remove split, next to `crun run`
// on the same rootfs when crun is installed (runs interleaved); and the RSS of one container's monitor.
// Needs root and the built dist/ and native helper.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, rmdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = 60;
const row = (r) => process.stdout.write(`${JSON.stringify(r)}\n`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (process.getuid?.() !== 0 || !existsSync('/bin/busybox')) {
  row({ name: 'runtime: /bin/true start-to-exit (median)', value: null, unit: 'ms', target: '<= 10 ms', note: 'needs root and busybox-static' });
  process.exit(0);
}

const root = new URL('..', import.meta.url).pathname;
const { createContainer, startContainer, runContainer, deleteContainer } = await import(join(root, 'dist/src/runtime/container/index.js'));
const { cgroupDriver } = await import(join(root, 'dist/src/runtime/cgroup/index.js'));

function busybox(dir) {
  const rootfs = join(dir, 'rootfs');
  mkdirSync(join(rootfs, 'bin'), { recursive: true });
  copyFileSync('/bin/busybox', join(rootfs, 'bin/busybox'));
  chmodSync(join(rootfs, 'bin/busybox'), 0o755);
  for (const a of ['true', 'sleep', 'sh']) symlinkSync('busybox', join(rootfs, 'bin', a));
  for (const d of ['proc', 'dev', 'sys', 'tmp', 'etc']) mkdirSync(join(rootfs, d), { recursive: true });
  return rootfs;
}

const dir = mkdtempSync(join(tmpdir(), 'berth-rt-bench-'));
// Run-time state on a tmpfs for both runtimes, as /run is on a standard Linux host (BERTH_RUN defaults to
// /run/berth, crun's --root to /run/crun); persistent data (upper dirs, logs) stays on the disk.
const runTmpfs = join(dir, 'run');
mkdirSync(runTmpfs);
execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m,mode=755', 'tmpfs', runTmpfs]);
const ctx = { roots: { root: join(dir, 'root'), run: join(runTmpfs, 'berth') }, cgroups: cgroupDriver() };
const rootfs = busybox(dir);
const config = (id, args) => ({
  id, name: id, rootfs: { kind: 'overlay', lowers: [rootfs] }, mounts: [], labels: {},
  process: { args, env: ['PATH=/bin'] }, limits: { memory: 64 * 1024 * 1024, pids: 64, cpus: 1 },
  network: { mode: 'none' }, cgroupName: `rt-test-bench/${id}`,
});

const crun = crunBundle(dir, rootfs);
try {
  // berth and crun runs alternate, so load from other users of a shared machine falls on both alike.
  const times = [];
  const peer = [];
  const phases = { create: [], start: [], remove: [] };
  for (let i = 0; i < RUNS + 5; i++) {
    const t0 = performance.now();
    const c = config(`rt-bench-${i}`, ['/bin/true']);
    createContainer(ctx, c);
    const t1 = performance.now();
    const { exit } = await startContainer(ctx, c.id, { stdio: 'ignore', foreground: true });
    const t2 = performance.now();
    await deleteContainer(ctx, c.id, { force: true });
    const t3 = performance.now();
    if (exit?.code !== 0) throw new Error(`run ${i} exited ${exit?.code}`);
    const p = crun === undefined ? undefined : crunOnce(crun, i);
    if (i < 5) continue;
    times.push(t3 - t0);
    phases.create.push(t1 - t0);
    phases.start.push(t2 - t1);
    phases.remove.push(t3 - t2);
    if (p !== undefined) peer.push(p);
  }
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  const split = Object.entries(phases).map(([k, v]) => `${k} ${median(v).toFixed(1)}`).join(', ');
  // crun run creates, starts, waits and deletes, so the full cycle is what compares with it; the issue's
  // 10 ms target is for start-to-exit (the container already created), reported on its own row.
  row({ name: 'runtime: /bin/true create+start+exit+remove (median)', value: median(times), unit: 'ms', target: '<= 1.0x crun',
    note: `phases: ${split} ms; load average ${load}`,
    ...(peer.length === 0 ? { note: 'crun not installed or failed: no peer' } : { peer: 'crun run', peerValue: median(peer) }) });
  row({ name: 'runtime: /bin/true start-to-exit (median)', value: median(phases.start), unit: 'ms', target: '<= 10 ms',
    note: `load average ${load}` });
  await runContainer(ctx, config('rt-bench-rss', ['sleep', '30']), { stdio: 'ignore', foreground: false, remove: false });
  const started = JSON.parse(readFileSync(join(ctx.roots.run, 'containers/rt-bench-rss/started.json'), 'utf8'));
  const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${started.monitorPid}/status`, 'utf8'))[1]) / 1024;
  row({ name: 'runtime: monitor RSS per container', value: rss, unit: 'MiB', target: '<= 2 MiB' });
  await deleteContainer(ctx, 'rt-bench-rss', { force: true });
} finally {
  for (const name of ctx.cgroups.list('rt-test-bench/')) ctx.cgroups.open(name)?.destroy();
  for (const c of readdirSync('/sys/fs/cgroup')) {
    for (const d of ['berth/rt-test-bench/crun', 'berth/rt-test-bench']) {
      try { rmdirSync(join('/sys/fs/cgroup', c, d)); } catch { /* not in this hierarchy */ }
    }
  }
  execFileSync('umount', [runTmpfs]);
  rmSync(dir, { recursive: true, force: true });
}

/** A crun bundle running /bin/true on the same rootfs with the same limits, or undefined without crun. */
function crunBundle(dir, rootfs) {
  if (spawnSync('crun', ['--version']).status !== 0) return undefined;
  const bundle = join(dir, 'crun-bundle');
  mkdirSync(bundle, { recursive: true });
  execFileSync('crun', ['spec'], { cwd: bundle });
  const spec = JSON.parse(readFileSync(join(bundle, 'config.json'), 'utf8'));
  spec.root = { path: rootfs, readonly: true };
  spec.process.args = ['/bin/true'];
  spec.process.terminal = false;
  spec.linux.resources = { memory: { limit: 64 * 1024 * 1024 }, pids: { limit: 64 } };
  spec.linux.cgroupsPath = '/berth/rt-test-bench/crun';
  writeFileSync(join(bundle, 'config.json'), JSON.stringify(spec));
  return bundle;
}

/** One `crun run` (in a private mount namespace without the hybrid cgroup2 mount crun refuses) in ms, or undefined when it failed. */
function crunOnce(bundle, i) {
  const t0 = performance.now();
  const r = spawnSync('unshare', ['-m', 'sh', '-c', `umount /sys/fs/cgroup/unified 2>/dev/null; exec crun --root ${join(runTmpfs, 'crun')} run --bundle ${bundle} rt-crun-${i}`], { stdio: 'ignore' });
  const t = performance.now() - t0;
  if (r.status === 0) return t;
  process.stderr.write(`crun run failed (exit ${r.status})\n`);
  return undefined;
}
