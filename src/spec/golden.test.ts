/**
 * The golden tests of the spec pipeline: every directory under fixtures/spec/ is a case. A case holds
 * compose files (and .env, env files, args.json); `expected.yaml` is the canonical output `berth config`
 * prints, `expected-warnings.txt` the warnings, or `expected-error.txt` the whole rendered error.
 * Support warnings (spec.unsupported) are the support matrix's own tests' business and left out here.
 * UPDATE_GOLDEN=1 rewrites the expectations; read every rewritten file: they are the spec.
 */
import * as fs from 'node:fs';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatError, formatWarning } from '../errors/index.js';
import { projectDocument, renderYaml, selectServices } from './index.js';
import { fixtureArgs, loadFixture } from './test-support/virtual-project.js';

const ROOT = resolve(import.meta.dirname, '../../fixtures/spec');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const cases = readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

function outcome(dir: string): { kind: 'expected.yaml' | 'expected-error.txt'; text: string; warnings: string } {
  try {
    const result = loadFixture(fs, dir);
    const text = result.project === undefined ? renderYaml(result.tree) : renderYaml(projectDocument(selectServices(result.project, fixtureArgs(fs, dir).services ?? [])));
    return { kind: 'expected.yaml', text, warnings: result.warnings.filter((w) => w.code !== 'spec.unsupported').map((w) => `${formatWarning(w, false)}\n`).join('') };
  } catch (error) {
    return { kind: 'expected-error.txt', text: `${formatError(error, { color: false, debug: false })}\n`, warnings: '' };
  }
}

function check(dir: string, name: string, actual: string): void {
  const path = join(dir, name);
  if (UPDATE) {
    if (actual === '') rmSync(path, { force: true });
    else writeFileSync(path, actual);
    return;
  }
  expect(actual, `${path}`).toBe(existsSync(path) ? readFileSync(path, 'utf8') : '');
}

describe('spec golden fixtures', () => {
  it('has at least 60 cases, 20 of them errors', () => {
    const errors = cases.filter((c) => existsSync(join(ROOT, c, 'expected-error.txt')));
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(errors.length).toBeGreaterThanOrEqual(20);
  });

  for (const name of cases) {
    it(name, () => {
      const dir = join(ROOT, name);
      const result = outcome(dir);
      if (UPDATE) for (const f of ['expected.yaml', 'expected-error.txt']) if (f !== result.kind) rmSync(join(dir, f), { force: true });
      check(dir, result.kind, result.text);
      check(dir, 'expected-warnings.txt', result.warnings);
    });
  }
});
