#!/usr/bin/env node
// Build benchmark (issue 7): `berth build web` of fixtures/build/app (five layer steps on a busybox base:
// WORKDIR, COPY deps, RUN, COPY src, RUN), each run a whole `berth` process: cold (empty cache), fully
// cached (median of 5) and after one source file changes (must re-run only the steps after `COPY src/`).
// Prints the contract's JSON rows (see run.mjs). Needs root (RUN steps are containers) and busybox-static.
// Imports berth from dist/ (built by `npm run bench`), or from BERTH_DIST when set.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const DIST = process.env.BERTH_DIST ?? join(ROOT, 'dist');
const row = (name, target, fields) => console.log(JSON.stringify({ name, unit: 'ms', target, ...fields }));

if (process.getuid?.() !== 0) { row('build: fully cached, whole process', '<= 300 ms', { value: null, note: 'needs root (RUN steps are containers)' }); process.exit(0); }
if (!existsSync('/bin/busybox')) { row('build: fully cached, whole process', '<= 300 ms', { value: null, note: 'needs busybox-static (scripts/install-system-deps.sh)' }); process.exit(0); }

const { importRootfs } = await import(`${DIST}/src/runtime/image/index.js`);
const base = mkdtempSync(join(tmpdir(), 'berth-bench-build-'));
const env = { ...process.env, BERTH_ROOT: join(base, 'root'), BERTH_RUN: join(base, 'run') };
const project = join(base, 'app');
try {
  cpSync(join(ROOT, 'fixtures/build/app'), project, { recursive: true });
  await importRootfs({ root: env.BERTH_ROOT, run: env.BERTH_RUN }, busyboxRootfs(join(base, 'rootfs')), 'bd/busybox:test');
  const cold = build();
  row('build: cold, five steps', 'reported', { value: cold.ms, note: `${cold.cached}/${cold.steps} steps cached` });
  const cached = [];
  for (let i = 0; i < 5; i += 1) cached.push(build());
  const median = cached.map((r) => r.ms).sort((a, b) => a - b)[2];
  row('build: fully cached, whole process', '<= 300 ms', { value: median, note: `${cached[0].cached}/${cached[0].steps} steps cached` });
  writeFileSync(join(project, 'src/main.txt'), `main ${Date.now()}\n`);
  const changed = build();
  const ok = changed.steps - changed.cached === 2 ? 'only the 2 steps after COPY src/ re-ran' : `UNEXPECTED: ${changed.steps - changed.cached} steps re-ran`;
  row('build: one source file changed', 'only steps after its COPY re-run', { value: changed.ms, note: ok });
} finally {
  for (const controller of readdirSync('/sys/fs/cgroup')) {
    const parent = join('/sys/fs/cgroup', controller, 'berth');
    for (const name of existsSync(parent) ? readdirSync(parent).filter((n) => n.startsWith('build-')) : []) {
      try { rmdirSync(join(parent, name)); } catch { /* in use by someone else's build */ }
    }
  }
  rmSync(base, { recursive: true, force: true });
}

function build() {
  const t = performance.now();
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/berth.js'), '--project-directory', project, 'build', 'web', '--progress', 'quiet'], { env, encoding: 'utf8', cwd: project });
  const ms = performance.now() - t;
  if (run.status !== 0) throw new Error(`berth build failed: ${run.stderr}`);
  const match = /\((\d+)\/(\d+) steps cached\)/.exec(run.stdout);
  return { ms, cached: Number(match?.[1]), steps: Number(match?.[2]) };
}

function busyboxRootfs(dir) {
  for (const d of ['bin', 'etc', 'tmp', 'proc', 'dev', 'sys']) mkdirSync(join(dir, d), { recursive: true });
  copyFileSync('/bin/busybox', join(dir, 'bin/busybox'));
  chmodSync(join(dir, 'bin/busybox'), 0o755);
  for (const applet of execFileSync('/bin/busybox', ['--list'], { encoding: 'utf8' }).split('\n').filter((a) => a !== '' && a !== 'busybox')) {
    symlinkSync('busybox', join(dir, 'bin', applet));
  }
  writeFileSync(join(dir, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
  writeFileSync(join(dir, 'etc/group'), 'root:x:0:\n');
  return dir;
}
