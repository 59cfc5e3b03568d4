#!/usr/bin/env node
// Whole-process `berth up -d` and `berth down` of 1-service and 10-service busybox `sleep` projects
// (init: true, on the default network), a recreate of one changed service, the detached supervisor's
// RSS and the memory berth adds per running container (its monitor process). Runs `node bin/berth.js`
// (built by `npm run build`) with the busybox image made by scripts/make-busybox-image.sh, subnets from
// 10.231.128.0/18; everything is taken down at the end. The state roots are temp dirs where berth's
// defaults live (/var/lib and /run), not in /tmp: on this VM, creating a file or dir in /tmp takes
// ~0.8 ms against 0.02-0.1 ms anywhere else on the same ext4 (measured), which would time the VM's /tmp.
// The recreate is timed twice: the whole `up -d`, and the changed service's own ops (stop, remove,
// create, start: the sum of their durations from --progress json on stderr, as they run one after another).
// Peers: docker-compose and podman-compose when installed (not here: null rows with a note).
// Contract: bench/run.mjs.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const RUNS = 3;
const row = (name, value, unit, target, extra = {}) => console.log(JSON.stringify({ name, value, unit, target, ...extra }));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const ROWS = [
  ['up -d, 1 service', '-'], ['down, 1 service', '-'], ['up -d, 10 services', '<= 300 ms'], ['down, 10 services', '<= 300 ms'],
  ['recreate of 1 changed service, its ops', '<= 100 ms'], ['recreate of 1 changed service, whole up -d', '-'], ['supervisor RSS', '<= 60 MiB'], ['memory added per container', '<= 2 MiB'],
];
if (process.getuid?.() !== 0) {
  for (const [name, target] of ROWS) row(name, null, 'ms', target, { note: 'needs root' });
  process.exit(0);
}

const base = mkdtempSync(join(tmpdir(), 'berth-up-bench-'));
const roots = [mkdtempSync('/var/lib/berth-up-bench-'), mkdtempSync('/run/berth-up-bench-')];
const env = { ...process.env, BERTH_ROOT: roots[0], BERTH_RUN: roots[1], BERTH_NETWORK_POOL: '10.231.128.0/18', BERTH_IP_FORWARD: 'keep' };
const projects = [];
try {
  execFileSync(join(ROOT, 'scripts', 'make-busybox-image.sh'), { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const one = project('benchup1', 1);
  const ten = project('benchup10', 10);
  const [up1, down1] = cycle(one);
  const [up10, down10] = cycle(ten);
  row('up -d, 1 service', up1, 'ms', '-', peerNote());
  row('down, 1 service', down1, 'ms', '-', peerNote());
  row('up -d, 10 services', up10, 'ms', '<= 300 ms', peerNote());
  row('down, 10 services', down10, 'ms', '<= 300 ms', peerNote());
  berth(ten, ['up', '-d']);
  const recreate = [], recreateOps = [];
  for (let i = 1; i <= RUNS; i++) {
    const events = [];
    recreate.push(berth(ten, ['up', '-d'], { BENCH_GEN: String(i) }, events));
    recreateOps.push(events.filter((e) => e.type === 'finished' && e.resource === 'service:s1:1').reduce((sum, e) => sum + e.duration, 0));
  }
  row('recreate of 1 changed service, its ops', median(recreateOps), 'ms', '<= 100 ms', { note: 'stop + remove + create + start of s1' });
  row('recreate of 1 changed service, whole up -d', median(recreate), 'ms', '-');
  const memory = memoryOf(ten.name);
  row('supervisor RSS', memory.supervisor, 'MiB', '<= 60 MiB');
  row('memory added per container', memory.perContainer, 'MiB', '<= 2 MiB', { note: 'RSS of the container\'s monitor process' });
  berth(ten, ['down']);
} finally {
  for (const p of projects) spawnSync(process.execPath, [join(ROOT, 'bin', 'berth.js'), '-p', p.name, 'down', '-v', '-t', '0', '--progress', 'quiet'], { cwd: p.dir, env });
  const mounts = readFileSync('/proc/self/mounts', 'utf8');
  for (const dir of [base, ...roots]) if (!mounts.includes(dir)) rmSync(dir, { recursive: true, force: true });
}

/** Writes a project of `count` sleeping services; service s1's command changes with BENCH_GEN. */
function project(name, count) {
  const dir = join(base, name);
  mkdirSync(dir);
  const services = Array.from({ length: count }, (_, i) => `  s${i + 1}:\n    image: berth.local/busybox:latest\n    command: ["sleep", "${i === 0 ? '100${BENCH_GEN:-0}' : '1000'}"]\n    init: true\n`);
  writeFileSync(join(dir, 'compose.yaml'), `name: ${name}\nservices:\n${services.join('')}`);
  const p = { name, dir };
  projects.push(p);
  return p;
}

/** Median whole-process times of `up -d` and `down` over RUNS cycles. */
function cycle(p) {
  const ups = [], downs = [];
  for (let i = 0; i < RUNS; i++) {
    ups.push(berth(p, ['up', '-d']));
    downs.push(berth(p, ['down']));
  }
  return [median(ups), median(downs)];
}

/** Whole-process ms of one berth command; with `events`, runs it with --progress json and collects them. */
function berth(p, args, extra = {}, events = undefined) {
  const t0 = performance.now();
  const progress = events === undefined ? 'quiet' : 'json';
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'berth.js'), ...args, '--progress', progress], { cwd: p.dir, env: { ...env, ...extra }, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`berth ${args.join(' ')} failed: ${r.stderr}`);
  if (events !== undefined) for (const line of r.stderr.split('\n').filter((l) => l.startsWith('{'))) events.push(JSON.parse(line));
  return ms;
}

function memoryOf(name) {
  const run = env.BERTH_RUN;
  const supervisor = JSON.parse(readFileSync(join(run, 'projects', name, 'supervisor.pid'), 'utf8')).pid;
  const monitors = readdirSync(join(run, 'containers')).map((id) => join(run, 'containers', id, 'started.json')).filter(existsSync)
    .map((f) => JSON.parse(readFileSync(f, 'utf8')).monitorPid).filter((pid) => pid !== undefined);
  const rss = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  return { supervisor: rss(supervisor), perContainer: monitors.reduce((s, pid) => s + rss(pid), 0) / Math.max(monitors.length, 1) };
}

function peerNote() {
  const have = ['docker-compose', 'podman-compose'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0);
  return have.length === 0 ? { note: 'docker-compose and podman-compose are not installed here: no peer row' } : { note: `${have.join(', ')} installed but not run by this bench` };
}
