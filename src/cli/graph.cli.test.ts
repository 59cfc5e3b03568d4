/**
 * `berth graph` through the real CLI process (the built dist/): the depends_on graph of a fixture
 * project as Mermaid and DOT, compared with the golden files next to it (conditions, `required: false`,
 * a service left out by its profile), and the error for an unknown format. Needs no container or root.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/berth.js');
const FIXTURE = join(ROOT, 'fixtures/graph/depends');
const BUILT = existsSync(join(ROOT, 'dist/src/cli/main.js'));

const berth = (...args: string[]) => spawnSync(process.execPath, [BIN, '-f', join(FIXTURE, 'compose.yaml'), ...args], {
  cwd: FIXTURE, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', HOME: FIXTURE },
});

describe.skipIf(!BUILT)('berth graph (CLI process; skipped when dist/ is not built: run npm run build)', () => {
  it('prints the dependency graph as Mermaid by default', () => {
    const r = berth('graph');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(join(FIXTURE, 'expected.mermaid'), 'utf8'));
  });

  it('prints it as DOT with --format dot', () => {
    expect(berth('graph', '--format', 'dot').stdout).toBe(readFileSync(join(FIXTURE, 'expected.dot'), 'utf8'));
  });

  it('refuses an unknown format with a hint', () => {
    const r = berth('graph', '--format', 'svg');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('graph format svg is not known');
    expect(r.stderr).toContain('use --format mermaid or --format dot');
  });
});
