/**
 * Phase 4, interpolation: every string value of a file's tree (never a key) is expanded against the project
 * environment. It runs per file, before include, extends and merge, and before the schema, because the
 * schema needs the real values. An invalid template or a missing required variable is an error at its
 * file:line:col; an unset variable warns once per load.
 */
import { BerthError } from '../errors/index.js';
import { formatPath, type ModelPath } from './locator.js';
import { copyAllPositions, positionOf, resolveMark, type Mark } from './source-map.js';
import { expandTemplate, TemplateError, type Lookup, type VariableUse } from './template.js';
import { OverrideMarker, isMap, isSeq, setKey, type Tree, type TreeMap } from './tree.js';
import type { WarningSink } from './warnings.js';

/** What interpolation needs besides the tree. */
export interface InterpolationContext {
  lookup: Lookup;
  warnings: WarningSink;
  /** Receives every variable reference, for `config --variables`. */
  onUse?: (use: VariableUse) => void;
}

/** Interpolates every string value of a mapping; returns a new tree with the same positions. */
export function interpolateTree(root: TreeMap, ctx: InterpolationContext): TreeMap {
  return walk(root, [], ctx, undefined) as TreeMap;
}

/** Interpolates one string, raising located errors. */
export function interpolateString(text: string, ctx: InterpolationContext, path: ModelPath, at: Mark | undefined): string {
  try {
    return expandTemplate(text, ctx.lookup, {
      unset: (name) => ctx.warnings.once('spec.variable-unset', name, `the "${name}" variable is not set, defaulting to a blank string`, located(at, path)),
      ...(ctx.onUse === undefined ? {} : { use: ctx.onUse }),
    });
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    const required = error.kind === 'required';
    throw new BerthError('invalid', required ? 'spec.variable-required' : 'spec.invalid-template', `${error.summary} in ${formatPath(path) || 'a value'}${error.reason === '' ? '' : `: ${error.reason}`}`, {
      location: located(at, path),
      hint: required
        ? `set ${error.variable} in the environment or in the .env file`
        : 'write ${NAME}, ${NAME:-default} or ${NAME?error}; use $$ for a literal dollar sign',
    });
  }
}

function located(at: Mark | undefined, path: ModelPath) {
  return at === undefined ? undefined : { ...resolveMark(at), path: formatPath(path) };
}

/** Walks the tree; `path` is one stack pushed and popped on the way, read only while a string is expanded. */
function walk(node: Tree, path: (string | number)[], ctx: InterpolationContext, at: Mark | undefined): Tree {
  // A string without `$` expands to itself and reports no variables: skip the template machinery.
  if (typeof node === 'string') return node.includes('$') ? interpolateString(node, ctx, path, at) : node;
  if (node instanceof OverrideMarker) return new OverrideMarker(walk(node.value, path, ctx, at));
  if (isSeq(node)) {
    const out: Tree[] = [];
    for (let i = 0; i < node.length; i += 1) {
      path.push(i);
      out.push(walk(node[i]!, path, ctx, positionOf(node, i)));
      path.pop();
    }
    copyAllPositions(node, out);
    return out;
  }
  if (isMap(node)) {
    const out: TreeMap = {};
    for (const key of Object.keys(node)) {
      path.push(key);
      setKey(out, key, walk(node[key]!, path, ctx, positionOf(node, key)));
      path.pop();
    }
    copyAllPositions(node, out);
    return out;
  }
  return node;
}
