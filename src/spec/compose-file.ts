/**
 * One compose file through the per-file phases, in compose-go's order: YAML load (every document) →
 * interpolation → merge-forms → the documents merged in order → include → extends. The result is one
 * tree ready to be merged over the files before it.
 */
import { dirname } from 'node:path';
import { applyExtends } from './extends.js';
import { applyInclude } from './include.js';
import { interpolateTree } from './interpolation.js';
import { displayPath, mustRead, type LoadContext, type Scope } from './load-context.js';
import { normaliseForMerge } from './merge-forms.js';
import { mergeTrees } from './merge.js';
import type { TreeMap } from './tree.js';
import { loadYaml } from './yaml-load.js';

/** Parses, interpolates and normalises one file (all its documents merged); no include or extends yet. */
export function parseComposeFile(path: string, scope: Scope, ctx: LoadContext, wantedBy = 'compose file'): TreeMap {
  const text = mustRead(ctx, path, wantedBy);
  const documents = loadYaml({ path, display: displayPath(ctx, path), text });
  const trees = documents.map((doc) => normaliseForMerge(ctx.interpolate ? interpolateTree(doc, { lookup: scope.lookup, warnings: ctx.warnings, ...(ctx.onUse ? { onUse: ctx.onUse } : {}) }) : doc));
  const [first = {}, ...rest] = trees;
  return rest.reduce((acc, tree) => mergeTrees(acc, tree), first);
}

/** The whole per-file pipeline: parse, then include, then extends. `stack` holds the files being included. */
export function loadComposeFile(path: string, scope: Scope, ctx: LoadContext, stack: readonly string[] = []): TreeMap {
  const tree = parseComposeFile(path, scope, ctx);
  const fileDir = path === '-' ? ctx.workingDir : dirname(path);
  const withIncludes = applyInclude(tree, { path, dir: fileDir, scope, stack: [...stack, path] }, ctx, loadComposeFile);
  return applyExtends(withIncludes, { path, dir: fileDir, scope }, ctx);
}
