#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.mjs (after `npm run build`) one at a time and prints one table.
// Contract for a bench file: a node script that prints one JSON object per line on stdout, each
//   {"name": "...", "value": 12.3, "unit": "ms", "target": "<= 10 ms", "peer": "crun", "peerValue": 16.1}
// (peer fields only when a peer tool is installed; target is the target as text). Anything else
// it prints goes to stderr. A bench that cannot run (not root, a tool missing) prints a row with
// "value": null and a "note" saying why. Select files with arguments: `npm run bench -- spec runtime`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('.', import.meta.url).pathname;
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

const rows = [];
for (const file of files) {
  process.stderr.write(`bench: ${file}\n`);
  const run = spawnSync(process.execPath, [join(dir, file)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  for (const line of run.stdout.split('\n').filter((l) => l.trim().startsWith('{'))) rows.push({ file, ...JSON.parse(line) });
  if (run.status !== 0) rows.push({ file, name: `${file} failed (exit ${run.status})`, value: null });
}

const fmt = (v, unit) => (v === null || v === undefined ? '-' : `${Number(v).toFixed(v < 10 ? 2 : 1)} ${unit ?? ''}`.trim());
const table = rows.map((r) => [
  r.name,
  fmt(r.value, r.unit),
  r.target ?? '',
  r.peer ? `${r.peer}: ${fmt(r.peerValue, r.unit)}` : '',
  r.peer && r.value && r.peerValue ? `${(r.value / r.peerValue).toFixed(2)}x` : '',
  r.note ?? '',
]);
const head = ['benchmark', 'berth', 'target', 'peer', 'ratio', 'note'];
const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => String(row[i]).length)));
const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd();
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table) console.log(line(row));
