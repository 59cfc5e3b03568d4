#!/usr/bin/env node
// Spec benchmarks (contract in bench/run.mjs): whole-process cold start of `berth version`, and
// `berth config -q` on a generated 200-service project (fixtures/bench/compose-200.yaml). Both run
// the built dist/ (npm run bench builds).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../bin/berth.js', import.meta.url).pathname;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeRuns(args, runs, cwd, argv = [BIN, ...args]) {
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, argv, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (run.status !== 0) throw new Error(`berth ${args.join(' ')} failed: ${run.stderr}`);
    times.push(ms);
  }
  return median(times);
}


// The peer is node itself running an empty script: the floor no CLI can go under on this machine and load.
const floor = timeRuns([], 21, process.cwd(), ['-e', '0']);
const version = timeRuns(['version'], 21, process.cwd());
console.log(JSON.stringify({ name: 'berth version cold start (whole process, median of 21)', value: version, unit: 'ms', target: '<= 80 ms', peer: 'node -e 0', peerValue: floor }));

const dir = mkdtempSync(join(tmpdir(), 'berth-bench-spec-'));
try {
  copyFileSync(new URL('../fixtures/bench/compose-200.yaml', import.meta.url), join(dir, 'compose.yaml'));
  const config = timeRuns(['config', '-q'], 11, dir);
  console.log(JSON.stringify({ name: 'berth config -q, 200 services (whole process, median of 11)', value: config, unit: 'ms', target: '<= 300 ms', peer: 'node -e 0', peerValue: floor }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
