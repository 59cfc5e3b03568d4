#!/usr/bin/env node
// Spec benchmarks (contract in bench/run.mjs): whole-process cold start of `berth version`, and
// `berth config -q` on a generated 200-service project. Both run the built dist/ (npm run bench builds).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

function generatedProject(count) {
  const lines = ['name: bench', 'services:'];
  for (let i = 0; i < count; i += 1) {
    lines.push(
      `  svc${i}:`,
      `    image: registry.local/svc${i}:\${TAG:-latest}`,
      `    ports: ["${10000 + i}:80"]`,
      '    environment:',
      `      - INDEX=${i}`,
      '      - MODE=${MODE:-dev}',
      `    volumes: ["./data/${i}:/data", "cache:/cache:ro"]`,
      '    healthcheck: {test: ["CMD", "true"], interval: 10s}',
      ...(i > 0 ? [`    depends_on: [svc${i - 1}]`] : []),
      '    networks: [back]',
    );
  }
  lines.push('volumes:', '  cache:', 'networks:', '  back:');
  return `${lines.join('\n')}\n`;
}

// The peer is node itself running an empty script: the floor no CLI can go under on this machine and load.
const floor = timeRuns([], 21, process.cwd(), ['-e', '0']);
const version = timeRuns(['version'], 21, process.cwd());
console.log(JSON.stringify({ name: 'berth version cold start (whole process, median of 21)', value: version, unit: 'ms', target: '<= 80 ms', peer: 'node -e 0', peerValue: floor }));

const dir = mkdtempSync(join(tmpdir(), 'berth-bench-spec-'));
try {
  writeFileSync(join(dir, 'compose.yaml'), generatedProject(200));
  const config = timeRuns(['config', '-q'], 11, dir);
  console.log(JSON.stringify({ name: 'berth config -q, 200 services (whole process, median of 11)', value: config, unit: 'ms', target: '<= 300 ms', peer: 'node -e 0', peerValue: floor }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
