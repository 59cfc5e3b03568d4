#!/usr/bin/env node
// Bundles the compiled CLI (dist/src/cli/main.js) and the detached supervisor's entry
// (dist/src/supervisor/supervisor-main.js) into dist/bundle/ with rolldown, as CommonJS chunks. Why:
// Node resolves, reads and links every ES module on its own, and `berth up` loads ~300 of them; and
// CommonJS can be compiled through vm.Script with a V8 code cache (src/sys/code-cache.ts), which Node 20
// offers for no ES module. Dynamic imports stay lazy: they become chunks, loaded by the verbs that need
// them. Every chunk lands beside the entries, and two launchers put the chunk resolver and the code
// cache in place before the entry loads: berth.cjs (bin/berth.js requires it) and supervisor.cjs
// (supervisor/detached.ts spawns it). koffi stays external: it loads a native addon from node_modules.
import { rmSync, writeFileSync } from 'node:fs';
import { rolldown } from 'rolldown';

const root = new URL('..', import.meta.url).pathname;
const dir = `${root}dist/bundle`;
rmSync(dir, { recursive: true, force: true });
const bundle = await rolldown({
  cwd: root,
  input: {
    'berth-main': 'dist/src/cli/main.js',
    'supervisor-main': 'dist/src/supervisor/supervisor-main.js',
    'code-cache': 'dist/src/sys/code-cache.js',
    'chunk-resolver': 'dist/src/sys/chunk-resolver.js',
  },
  platform: 'node',
  // Needed by includeDependenciesRecursively: false; the entries export nothing anyone imports.
  preserveEntrySignatures: 'allow-extension',
  external: [/^node:/, 'koffi'],
  logLevel: 'warn',
});
// What only a running supervisor needs (its DNS, proxies, keepers, probes and control socket) is kept
// in a chunk of its own: left to the default split, it shared one with modules every command loads.
const SUPERVISOR_HOST = /supervisor\/(supervisor|dns-host|port-host|container-keeper|health-monitor|probe-runner|control-server)\.js|network\/(dns-answer|dns-server|dns-forwarder|reverse-name|port-proxy)\.js|node_modules\/(dns-packet|@leichtgewicht)/;
await bundle.write({
  dir, format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs',
  codeSplitting: { includeDependenciesRecursively: false, groups: [{ name: 'supervisor-host', test: SUPERVISOR_HOST }] },
});
await bundle.close();
for (const [launcher, entry] of [['berth.cjs', 'berth-main.cjs'], ['supervisor.cjs', 'supervisor-main.cjs']]) {
  writeFileSync(`${dir}/${launcher}`, [
    `'use strict';`, '// Written by scripts/build-bundle.mjs.',
    `require('./chunk-resolver.cjs').installChunkResolver(__dirname);`, `require('./code-cache.cjs').installCodeCache(__dirname);`, `require('./${entry}');`, '',
  ].join('\n'));
}
