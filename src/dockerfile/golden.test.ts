/**
 * The golden tests of the Dockerfile parser and build planner: every directory under
 * fixtures/dockerfile/ is a case with a Dockerfile and an optional args.json (buildArgs, target,
 * platform, buildPlatform, imageEnv by image ref). `expected.json` is the build plan (stages after
 * substitution, order, levels, images, warnings) or `expected-error.txt` the whole rendered error.
 * UPDATE_GOLDEN=1 rewrites the expectations; read every rewritten file: they are the spec.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatError, formatWarning } from '../errors/index.js';
import { parseDockerfile, planBuild, type BuildOptions } from './index.js';

const ROOT = resolve(import.meta.dirname, '../../fixtures/dockerfile');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const cases = readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

interface CaseArgs extends Omit<BuildOptions, 'imageEnv'> {
  imageEnv?: Record<string, Record<string, string>>;
}

function options(dir: string): BuildOptions {
  const path = join(dir, 'args.json');
  if (!existsSync(path)) return {};
  const { imageEnv, ...rest } = JSON.parse(readFileSync(path, 'utf8')) as CaseArgs;
  return imageEnv === undefined ? rest : { ...rest, imageEnv: (ref) => imageEnv[ref] };
}

function outcome(dir: string): { kind: 'expected.json' | 'expected-error.txt'; text: string } {
  try {
    const dockerfile = parseDockerfile(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'Dockerfile');
    const plan = planBuild(dockerfile, options(dir));
    const document = { directives: dockerfile.directives, ...plan, warnings: plan.warnings.map((w) => formatWarning(w, false)) };
    return { kind: 'expected.json', text: `${compactJson(document)}\n` };
  } catch (error) {
    return { kind: 'expected-error.txt', text: `${formatError(error, { color: false, debug: false })}\n` };
  }
}

/** Indented JSON where any array or object that fits in 100 columns stays on one line, for review. */
function compactJson(value: unknown, indent = ''): string {
  const inline = oneLine(value);
  if (value === null || typeof value !== 'object' || indent.length + inline.length <= 100) return inline;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + compactJson(v, inner)).join(',\n')}\n${indent}]`;
  const fields = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, inner)}`);
  return `{\n${fields.join(',\n')}\n${indent}}`;
}

function oneLine(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${oneLine(v)}`).join(', ')}}`;
}

describe('dockerfile golden fixtures', () => {
  it('has at least 40 cases, 12 of them errors', () => {
    const errors = cases.filter((c) => existsSync(join(ROOT, c, 'expected-error.txt')));
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(errors.length).toBeGreaterThanOrEqual(12);
  });

  for (const name of cases) {
    it(name, () => {
      const dir = join(ROOT, name);
      const result = outcome(dir);
      if (UPDATE) {
        for (const f of ['expected.json', 'expected-error.txt']) if (f !== result.kind) rmSync(join(dir, f), { force: true });
        writeFileSync(join(dir, result.kind), result.text);
        return;
      }
      const path = join(dir, result.kind);
      expect(existsSync(path), `${name} produced ${result.kind}:\n${result.text}`).toBe(true);
      expect(result.text, path).toBe(readFileSync(path, 'utf8'));
    });
  }
});
