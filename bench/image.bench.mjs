#!/usr/bin/env node
// Image pull benchmark (issue 4): a 5-layer image of random content (~55 MB, gzip) pushed to a loopback
// docker-registry, pulled by berth into an empty store (download, digest checks and unpacking included),
// next to `skopeo copy` of the same image into an OCI dir. Median of 3 runs each; prints the contract's
// JSON rows (see run.mjs): wall time, and CPU time (berth's process with its hashing worker and zlib
// threads; skopeo's through /usr/bin/time when present), which a machine shared with other work skews
// less. Needs root (layer owners), docker-registry and skopeo. It imports berth from dist/ (built by
// `npm run bench`), or from BERTH_DIST when set (another build output directory).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

const NAME = 'image pull of a 5-layer 55 MB image (berth: unpacked; skopeo: blobs only)';
const row = (fields, name = NAME) => console.log(JSON.stringify({ name, unit: 'ms', target: '<= 1.2x skopeo', ...fields }));
const has = (cmd) => { try { execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }); return true; } catch { return false; } };

if (process.getuid?.() !== 0) { row({ value: null, note: 'needs root (layer owners)' }); process.exit(0); }
if (!has('docker-registry') || !has('skopeo')) { row({ value: null, note: 'needs docker-registry and skopeo (scripts/install-system-deps.sh)' }); process.exit(0); }

const { pullImage } = await import(process.env.BERTH_DIST ? `${process.env.BERTH_DIST}/src/runtime/image/index.js` : '../dist/src/runtime/image/index.js');
const base = mkdtempSync(join(tmpdir(), 'berth-bench-image-'));
let registry;
try {
  const host = await startRegistry(join(base, 'registry'));
  registry = host.child;
  const layout = join(base, 'layout');
  await writeLayout(layout, 5, 11_000_000);
  execFileSync('skopeo', ['copy', '--quiet', '--dest-tls-verify=false', `oci:${layout}:v1`, `docker://${host.addr}/bench/big:v1`]);
  const ref = `${host.addr}/bench/big:v1`;
  const berthCpu = [];
  const berth = await median(3, async (i) => {
    const roots = { root: join(base, `root${i}`), run: join(base, `run${i}`) };
    const t = performance.now();
    const cpu = process.cpuUsage();
    await pullImage(roots, ref, { dockerConfig: join(base, 'none.json') });
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    berthCpu.push((used.user + used.system) / 1000);
    rmSync(roots.root, { recursive: true, force: true });
    return ms;
  });
  const skopeoCpu = [];
  const skopeo = await median(3, async (i) => {
    const dest = join(base, `oci${i}`);
    const t = performance.now();
    const copy = ['skopeo', 'copy', '--quiet', '--src-tls-verify=false', `docker://${ref}`, `oci:${dest}:v1`];
    const timed = existsSync('/usr/bin/time');
    const done = spawnSync(timed ? '/usr/bin/time' : copy[0], timed ? ['-f', '%U %S', ...copy] : copy.slice(1), { encoding: 'utf8' });
    if (done.status !== 0) throw new Error(`skopeo copy failed: ${done.stderr}`);
    const ms = performance.now() - t;
    if (timed) skopeoCpu.push(done.stderr.trim().split('\n').pop().split(' ').reduce((sum, v) => sum + Number(v) * 1000, 0));
    rmSync(dest, { recursive: true, force: true });
    return ms;
  });
  const note = `load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`;
  row({ value: berth, peer: 'skopeo copy', peerValue: skopeo, note });
  const mid = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  if (skopeoCpu.length > 0) row({ value: mid(berthCpu), peer: 'skopeo copy', peerValue: mid(skopeoCpu), note }, `${NAME}, CPU time`);
} finally {
  if (registry?.pid !== undefined && registry.exitCode === null) process.kill(registry.pid, 'SIGTERM');
  rmSync(base, { recursive: true, force: true });
}

async function median(runs, fn) {
  const values = [];
  for (let i = 0; i < runs; i += 1) values.push(await fn(i));
  return values.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

async function tarOf(files) {
  const archive = pack();
  const chunks = [];
  archive.on('data', (c) => chunks.push(c));
  const done = new Promise((resolve) => archive.on('end', resolve));
  for (const [name, data] of files) archive.entry({ name, size: data.length, mode: 0o644 }, data);
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

async function writeLayout(dir, layers, bytesPerLayer) {
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  const blob = (data, mediaType) => {
    const hex = createHash('sha256').update(data).digest('hex');
    writeFileSync(join(dir, 'blobs', 'sha256', hex), data);
    return { mediaType, digest: `sha256:${hex}`, size: data.length };
  };
  const tars = [];
  for (let l = 0; l < layers; l += 1) {
    tars.push(await tarOf(Array.from({ length: 4 }, (_, f) => [`layer${l}/file${f}.bin`, randomBytes(bytesPerLayer / 4)])));
  }
  const diffIds = tars.map((t) => `sha256:${createHash('sha256').update(t).digest('hex')}`);
  const config = blob(Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: diffIds } })), 'application/vnd.oci.image.config.v1+json');
  const manifest = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config,
    layers: tars.map((t) => blob(gzipSync(t, { level: 1 }), 'application/vnd.oci.image.layer.v1.tar+gzip')) };
  const m = blob(Buffer.from(JSON.stringify(manifest)), manifest.mediaType);
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ ...m, annotations: { 'org.opencontainers.image.ref.name': 'v1' } }] }));
  writeFileSync(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
}

async function startRegistry(dir) {
  mkdirSync(dir, { recursive: true });
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  await new Promise((resolve) => server.close(resolve));
  writeFileSync(join(dir, 'config.yml'), `version: 0.1\nlog: {level: error, accesslog: {disabled: true}}\nstorage: {filesystem: {rootdirectory: ${dir}/data}}\nhttp: {addr: "127.0.0.1:${port}"}\n`);
  const child = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
  const addr = `127.0.0.1:${port}`;
  for (let i = 0; i < 200; i += 1) {
    if (await fetch(`http://${addr}/v2/`).then((r) => r.ok, () => false)) return { addr, child };
    await sleep(25);
  }
  child.kill('SIGTERM');
  throw new Error('docker-registry did not start');
}
