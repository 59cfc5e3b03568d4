/** The chunk resolver, in a child Node: chunks load from beside their requirer; other requests resolve as Node does. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const RESOLVER = resolve(import.meta.dirname, '../../dist/bundle/chunk-resolver.cjs');

describe.skipIf(!existsSync(RESOLVER))('chunk resolver of the bundle (needs npm run build)', () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'berth-chunk-resolver-')));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'main.cjs'), "const path = require('node:path'); module.exports = require('./double.cjs')(21) + path.sep.length;\n");
  writeFileSync(join(dir, 'double.cjs'), 'module.exports = (x) => x * 2;\n');
  writeFileSync(join(dir, 'broken.cjs'), "require('./missing.cjs');\n");
  const run = (file: string) => spawnSync(process.execPath, ['-e', [
    `const { installChunkResolver } = require(${JSON.stringify(RESOLVER)});`,
    `const Module = require('node:module'); const original = Module._resolveFilename; let slow = 0;`,
    `Module._resolveFilename = function (...a) { slow += 1; return original.apply(this, a); };`,
    `installChunkResolver(${JSON.stringify(dir)});`,
    `try { console.log(require(${JSON.stringify(join(dir, file))}), slow); } catch (e) { console.log(e.code, slow); }`,
  ].join('\n')], { encoding: 'utf8' });

  it('loads a chunk beside its requirer without asking Node to resolve it', () => {
    const r = run('main.cjs');
    // Node resolved only main.cjs (given by absolute path; node: built-ins skip resolution): ./double.cjs took the fast path.
    expect(r.stdout, r.stderr).toBe('43 1\n');
  });

  it('leaves a request for a chunk that is not there to Node, which reports it as usual', () => {
    expect(run('broken.cjs').stdout).toMatch(/^MODULE_NOT_FOUND \d+\n$/);
  });
});
