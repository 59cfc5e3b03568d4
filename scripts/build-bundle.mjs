#!/usr/bin/env node
// Bundles the compiled CLI (dist/src/cli/main.js) and the detached supervisor's entry
// (dist/src/supervisor/supervisor-main.js) into dist/bundle/ with rolldown. Why: Node resolves, reads
// and links every ES module on its own, and `berth up` loads ~300 of them: that cost more than Node's
// own start-up. Dynamic imports stay lazy: they become chunks, loaded only by the verbs that need them.
// Every chunk lands beside the entries (supervisor/detached.ts relies on it to find its entry).
// koffi stays external: it loads a native addon from node_modules.
import { rmSync } from 'node:fs';
import { rolldown } from 'rolldown';

const root = new URL('..', import.meta.url).pathname;
const dir = `${root}dist/bundle`;
rmSync(dir, { recursive: true, force: true });
const bundle = await rolldown({
  cwd: root,
  input: { berth: 'dist/src/cli/main.js', 'supervisor-main': 'dist/src/supervisor/supervisor-main.js' },
  platform: 'node',
  external: [/^node:/, 'koffi'],
  logLevel: 'warn',
});
await bundle.write({ dir, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' });
await bundle.close();
