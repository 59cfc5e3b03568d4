/**
 * The untyped stage of the pipeline: the YAML tree as plain data (maps, sequences, scalars) between
 * loading and canonicalisation, plus the two markers of the `!reset` and `!override` tags, which only
 * the merge phase interprets and then removes.
 */

/** A YAML scalar after loading. */
export type Scalar = string | number | boolean | null;

/** A YAML mapping (keys are always strings). */
export interface TreeMap {
  [key: string]: Tree;
}

/** Any node of the loaded tree. */
export type Tree = Scalar | TreeMap | Tree[] | ResetMarker | OverrideMarker;

/** `!reset`: the attribute is removed when this file is merged over earlier ones. */
export class ResetMarker {
  readonly reset = true;
}

/** `!override value`: the attribute replaces the earlier one wholesale, bypassing merge rules. */
export class OverrideMarker {
  constructor(readonly value: Tree) {}
}

/** Whether a node is a mapping (not a sequence, scalar or marker). */
export function isMap(value: unknown): value is TreeMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/** Whether a node is a sequence. */
export function isSeq(value: unknown): value is Tree[] {
  return Array.isArray(value);
}

/** Whether a node is a scalar value (string, number, boolean or null). */
export function isScalar(value: unknown): value is Scalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** A scalar as a string, as Compose reads scalars where a string is expected. */
export function scalarText(value: Scalar): string {
  return value === null ? '' : String(value);
}

/** Sets a key on a mapping safely (a key named `__proto__` stays an ordinary key). */
export function setKey(map: TreeMap, key: string, value: Tree): void {
  // Only `__proto__` is an accessor on Object.prototype; any other key assigns as an own data property.
  if (key === '__proto__') Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}
