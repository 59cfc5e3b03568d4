/**
 * Builds one mapping for the fast YAML reader the way yaml-load.ts's convertMap does: keys in order with
 * their positions, `<<` merge sources applied last (a key already present, even an inherited one, wins).
 * A duplicate key or a merge source that is not a mapping declines, so the `yaml` path reports it.
 */
import { copyPosition, setPosition, type Mark } from './source-map.js';
import { isMap, setKey, type TreeMap } from './tree.js';
import { decline, type ReadNode } from './yaml-fast-reader.js';

/** A mapping being read. */
export class MapBuilder {
  readonly out: TreeMap = {};
  private readonly seen = new Set<string>();
  private readonly merges: TreeMap[] = [];

  /** Adds `key: value`; `keyMark` is where the key was written. */
  add(key: string, keyMark: Mark, node: ReadNode, valueMark: Mark): void {
    if (this.seen.has(key)) decline();
    this.seen.add(key);
    setKey(this.out, key, node.value);
    setPosition(this.out, key, node.collection ? keyMark : valueMark);
  }

  /** Records the value of a plain `<<` key: a mapping, or a sequence written in place of mappings. */
  merge(node: ReadNode): void {
    const sources = node.seq && Array.isArray(node.value) ? node.value : [node.value];
    for (const source of sources) {
      if (!isMap(source)) decline();
      this.merges.push(source);
    }
  }

  /** The finished mapping. */
  finish(): TreeMap {
    const out = this.out;
    for (const source of this.merges) {
      for (const key of Object.keys(source)) {
        if (key in out) continue;
        setKey(out, key, source[key]!);
        copyPosition(source, key, out, key);
      }
    }
    return out;
  }
}
