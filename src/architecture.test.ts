/**
 * The layer table of design.md, enforced: every import under src/ must point to a layer the importer may
 * use, third-party packages stay in their layers, and the pure layers (spec, graph, plan) touch no files,
 * processes, clocks or environment. Test code (`*.test.ts`, `test-support/`) is exempt.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname);

/** Layer → the layers it may import (besides itself). */
const LAYERS: Record<string, string[]> = {
  errors: [],
  spec: ['graph', 'errors'],
  graph: ['errors'],
  dockerfile: ['errors'],
  plan: ['spec', 'graph', 'errors'],
  sys: ['errors'],
  runtime: ['sys', 'dockerfile', 'errors'],
  apply: ['plan', 'graph', 'runtime', 'errors'],
  supervisor: ['apply', 'plan', 'graph', 'runtime', 'errors'],
  watch: ['spec', 'dockerfile', 'errors'],
  app: ['errors', 'spec', 'dockerfile', 'graph', 'plan', 'sys', 'runtime', 'apply', 'supervisor', 'watch'],
  cli: ['app', 'errors'],
};

/** Layers that may only `import type` from a further layer. */
const TYPE_ONLY: Record<string, string[]> = { plan: ['runtime'], watch: ['apply', 'runtime'] };

/** Packages reserved to some layers; any other package is free for the effectful layers. */
const PACKAGES: Record<string, string[]> = {
  koffi: ['sys'],
  yaml: ['spec', 'cli'],
  ajv: ['spec'],
  commander: ['cli'],
  listr2: ['cli'],
  chokidar: ['watch'],
};

const PURE = new Set(['errors', 'spec', 'dockerfile', 'graph', 'plan']);
const PURE_BUILTINS = new Set(['node:path', 'node:crypto', 'node:util']);
const IMPURE_CODE = /\bprocess\.(env|cwd|argv|exit)\b|\bDate\.now\(|\bnew Date\(\)|\bperformance\.now\(/;

interface Import { from: string; spec: string; typeOnly: boolean }

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-support' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found: Import[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(statement)) found.push({ from: file, spec: m[3]!, typeOnly: m[2] !== undefined });
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push({ from: file, spec: m[1]!, typeOnly: false });
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ from: file, spec: m[1]!, typeOnly: false });
  return found;
}

function layerOf(file: string): string {
  return relative(SRC, file).split(sep)[0]!;
}

function violation(imp: Import): string | undefined {
  const layer = layerOf(imp.from);
  const where = `${relative(SRC, imp.from)} imports '${imp.spec}'`;
  if (imp.spec.startsWith('.')) {
    const target = resolve(dirname(imp.from), imp.spec);
    if (!target.startsWith(SRC + sep)) return imp.spec.includes('schemas/') && layer === 'spec' ? undefined : `${where}: outside src/`;
    const to = layerOf(target);
    if (to === layer || LAYERS[layer]?.includes(to)) return undefined;
    if (imp.typeOnly && TYPE_ONLY[layer]?.includes(to)) return undefined;
    return `${where}: layer '${layer}' may not import layer '${to}'`;
  }
  const pkg = imp.spec.startsWith('@') ? imp.spec.split('/').slice(0, 2).join('/') : imp.spec.split('/')[0]!;
  if (pkg === 'node:path' || imp.spec.startsWith('node:')) {
    return PURE.has(layer) && !PURE_BUILTINS.has(imp.spec) ? `${where}: pure layer '${layer}' may not use it` : undefined;
  }
  const allowed = PACKAGES[pkg];
  if (allowed !== undefined) return allowed.includes(layer) ? undefined : `${where}: '${pkg}' belongs to ${allowed.join(', ')}`;
  return PURE.has(layer) ? `${where}: pure layer '${layer}' may not use package '${pkg}'` : undefined;
}

describe('architecture', () => {
  const files = sourceFiles(SRC).filter((f) => relative(SRC, f).includes(sep));

  it('has only the layers of the design', () => {
    const unknown = [...new Set(files.map(layerOf))].filter((l) => !(l in LAYERS));
    expect(unknown).toEqual([]);
  });

  it('imports point only where the layer table allows', () => {
    expect(files.flatMap(importsOf).map(violation).filter((v) => v !== undefined)).toEqual([]);
  });

  it('keeps spec, graph and plan pure: no env, clocks or process state', () => {
    const impure = files
      .filter((f) => PURE.has(layerOf(f)))
      .filter((f) => IMPURE_CODE.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(impure).toEqual([]);
  });
});
