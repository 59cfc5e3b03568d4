/**
 * Source positions of tree nodes. Each mapping and sequence carries, beside it in a WeakMap, the position
 * of each child; phases that rebuild containers copy positions along, so after merging, the locator finds
 * the node in the file that last set it. A Locator walks a ModelPath through the merged tree and falls
 * back to the nearest located parent.
 */
import type { SourceLocation } from '../errors/index.js';
import { formatPath, type Locator, type ModelPath } from './locator.js';
import { isMap, isSeq, type Tree } from './tree.js';

/** Where a node was written: a SourceLocation without its model path. */
export type NodePosition = Omit<SourceLocation, 'path'>;

/** The text a mark points into, with the offsets where its lines start. */
export interface MarkSource {
  display: string;
  text: string;
  lineStarts: readonly number[];
}

/** A node's span in its source, kept as offsets and turned into a NodePosition only when shown. */
export class Mark {
  constructor(
    readonly source: MarkSource,
    readonly start: number,
    readonly end: number,
  ) {}
}

/** The line, column, line text and underline length of a mark. */
export function resolveMark(mark: Mark): NodePosition {
  const starts = mark.source.lineStarts;
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= mark.start) low = mid;
    else high = mid - 1;
  }
  const lineStart = starts[low] ?? 0;
  const next = starts[low + 1] ?? mark.source.text.length + 1;
  const lineText = mark.source.text.slice(lineStart, next).replace(/\r?\n$/, '');
  const col = mark.start - lineStart + 1;
  const length = Math.max(1, Math.min(mark.end - mark.start, lineText.length - col + 1));
  return { file: mark.source.display, line: low + 1, col, lineText, length };
}

type Key = string | number;

const positions = new WeakMap<object, Map<Key, Mark>>();
const selfPositions = new WeakMap<object, Mark>();

/** Records where the child `key` of a container was written. */
export function setPosition(container: object, key: Key, position: Mark | undefined): void {
  if (position === undefined) return;
  let children = positions.get(container);
  if (children === undefined) positions.set(container, (children = new Map()));
  children.set(key, position);
}

/** Where the child `key` of a container was written, if known. */
export function positionOf(container: object, key: Key): Mark | undefined {
  return positions.get(container)?.get(key);
}

/** Records where a container itself (a document root) was written. */
export function setSelfPosition(container: object, position: Mark): void {
  selfPositions.set(container, position);
}

/** Copies the position of `from[fromKey]` to `to[toKey]`. */
export function copyPosition(from: object, fromKey: Key, to: object, toKey: Key): void {
  setPosition(to, toKey, positionOf(from, fromKey));
  const self = selfPositions.get(from);
  if (self !== undefined && !selfPositions.has(to)) selfPositions.set(to, self);
}

/** Gives a new container the positions of all of `from`'s children (same keys), as copyPosition does one by one. */
export function copyAllPositions(from: object, to: object): void {
  const children = positions.get(from);
  if (children !== undefined) positions.set(to, new Map(children));
  const self = selfPositions.get(from);
  if (self !== undefined && !selfPositions.has(to)) selfPositions.set(to, self);
}

/** A Locator over a tree: the position of the deepest located node on the path. */
export function locatorFor(root: Tree): Locator {
  return (path: ModelPath): SourceLocation | undefined => {
    let node: unknown = root;
    let found: Mark | undefined = typeof root === 'object' && root !== null ? selfPositions.get(root) : undefined;
    for (const key of path) {
      if (!(isMap(node) || isSeq(node))) break;
      const position = positionOf(node, key);
      if (position === undefined) break;
      found = position;
      node = isMap(node) ? node[String(key)] : node[Number(key)];
    }
    if (found === undefined) return undefined;
    return { ...resolveMark(found), path: formatPath(path) };
  };
}

/** The location of `relative` inside `container`, reported under the full model path `path`. */
export function locateIn(container: Tree, relative: ModelPath, path: ModelPath): SourceLocation | undefined {
  const found = locatorFor(container)(relative);
  return found === undefined ? undefined : { ...found, path: formatPath(path) };
}

/** A shallow copy of a mapping that keeps the positions of its children. */
export function copyMap<T extends Record<string, Tree>>(map: T): T {
  const out = { ...map };
  for (const key of Object.keys(map)) copyPosition(map, key, out, key);
  return out;
}
