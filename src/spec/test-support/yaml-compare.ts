/**
 * Differential check of the fast YAML reader against the `yaml`-package loader: for one text, the fast
 * reader either declines or returns trees equal to the package's, with every recorded position the same
 * (start offset and the shown line, column, line text and underline length).
 */
import { locatorFor, positionOf, resolveMark } from '../source-map.js';
import { OverrideMarker, ResetMarker, isMap, type Tree, type TreeMap } from '../tree.js';
import { readYamlFast } from '../yaml-fast.js';
import { loadYamlWithPackage } from '../yaml-load.js';

/** What happened for one text: 'declined', 'equal', or a description of the first difference. */
export function compareFast(text: string): string {
  const fast = readYamlFast(text, 'compose.yaml');
  if (fast === undefined) return 'declined';
  let reference: TreeMap[];
  try {
    reference = loadYamlWithPackage({ path: '/p/compose.yaml', display: 'compose.yaml', text });
  } catch (error) {
    return `fast accepted, yaml package failed: ${(error as Error).message}`;
  }
  if (fast.length !== reference.length) return `documents: fast ${fast.length}, yaml ${reference.length}`;
  for (let i = 0; i < fast.length; i += 1) {
    const self = sameMark(locatorFor(fast[i]!)([]), locatorFor(reference[i]!)([]));
    const found = self ? undefined : `document ${i}: root position`;
    const diff = found ?? difference(fast[i]!, reference[i]!, `doc${i}`);
    if (diff !== undefined) return diff;
  }
  return 'equal';
}

function sameMark(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function difference(a: Tree, b: Tree, path: string): string | undefined {
  if (a instanceof ResetMarker || b instanceof ResetMarker) return a instanceof ResetMarker && b instanceof ResetMarker ? undefined : `${path}: reset marker`;
  if (a instanceof OverrideMarker || b instanceof OverrideMarker) {
    if (!(a instanceof OverrideMarker && b instanceof OverrideMarker)) return `${path}: override marker`;
    return difference(a.value, b.value, `${path}(override)`);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return `${path}: sequence ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
    for (let i = 0; i < a.length; i += 1) {
      const diff = childDifference(a, b, i, `${path}[${i}]`) ?? difference(a[i]!, b[i]!, `${path}[${i}]`);
      if (diff !== undefined) return diff;
    }
    return undefined;
  }
  if (isMap(a) || isMap(b)) {
    if (!isMap(a) || !isMap(b)) return `${path}: mapping vs ${JSON.stringify(b)}`;
    if (JSON.stringify(Object.keys(a)) !== JSON.stringify(Object.keys(b))) return `${path}: keys ${Object.keys(a).join(',')} vs ${Object.keys(b).join(',')}`;
    for (const key of Object.keys(a)) {
      const diff = childDifference(a, b, key, `${path}.${key}`) ?? difference(a[key]!, b[key]!, `${path}.${key}`);
      if (diff !== undefined) return diff;
    }
    return undefined;
  }
  return Object.is(a, b) ? undefined : `${path}: ${JSON.stringify(a)} (${typeof a}) vs ${JSON.stringify(b)} (${typeof b})`;
}

function childDifference(a: object, b: object, key: string | number, path: string): string | undefined {
  const x = positionOf(a, key);
  const y = positionOf(b, key);
  if (x === undefined || y === undefined) return x === y ? undefined : `${path}: position missing`;
  const shownX = { start: x.start, ...resolveMark(x) };
  const shownY = { start: y.start, ...resolveMark(y) };
  return sameMark(shownX, shownY) ? undefined : `${path}: position ${JSON.stringify(shownX)} vs ${JSON.stringify(shownY)}`;
}
