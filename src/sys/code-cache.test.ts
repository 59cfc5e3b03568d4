import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const LOADER = resolve(import.meta.dirname, '../../dist/bundle/code-cache.cjs');

describe.skipIf(!existsSync(LOADER))('code cache of bundled chunks (needs npm run build)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-code-cache-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'double.cjs'), 'module.exports = (x) => x * 2;\n');
  const run = () => spawnSync(process.execPath, ['-e', `require(${JSON.stringify(LOADER)}).installCodeCache(${JSON.stringify(dir)}); console.log(require(${JSON.stringify(join(dir, 'double.cjs'))})(21));`], { encoding: 'utf8' });
  const cacheFile = join(dir, '.cache', 'double.cjs.v8');

  it('writes a chunk\'s cache at exit, then loads through it without writing again', () => {
    const first = run();
    expect(first.stdout, first.stderr).toBe('42\n');
    expect(existsSync(cacheFile)).toBe(true);
    const written = statSync(cacheFile).mtimeMs;
    const second = run();
    expect(second.stdout).toBe('42\n');
    expect(statSync(cacheFile).mtimeMs).toBe(written);
    expect(readdirSync(join(dir, '.cache'))).toEqual(['double.cjs.v8']);
  });

  it('replaces a cache V8 rejects, and runs all the same', () => {
    writeFileSync(cacheFile, 'not a code cache');
    const r = run();
    expect(r.stdout, r.stderr).toBe('42\n');
    expect(statSync(cacheFile).size).toBeGreaterThan('not a code cache'.length);
  });
});
