/**
 * The cursor of the fast YAML reader (yaml-fast.ts): the text, the anchors seen so far, and the line
 * helpers the block and flow parsers share. Anything the fast reader does not handle exactly as the `yaml`
 * package would throws DECLINED, and yaml-load.ts falls back to the package, so errors stay its own.
 */
import { Mark, positionOf, setPosition, type MarkSource } from './source-map.js';
import { OverrideMarker, ResetMarker, isMap, setKey, type Tree, type TreeMap } from './tree.js';

/** An anchored node: its converted value once complete, and the deepest alias chain inside it. */
export interface Anchor {
  value: Tree | undefined;
  depth: number;
}

/** The reader's state; `pos` is an offset into `text`. */
export interface Reader {
  text: string;
  pos: number;
  source: MarkSource;
  anchors: Map<string, Anchor>;
  /** Alias depths of the anchored nodes being read, innermost last. */
  depths: number[];
}

/** A node as read: its value, its span, and whether it was written as a collection (not an alias). */
export interface ReadNode {
  value: Tree;
  start: number;
  end: number;
  collection: boolean;
  seq: boolean;
}

/** Properties written before a node: `&anchor` and the `!reset`/`!override` tags. */
export interface Props {
  anchor: string | undefined;
  tag: '!reset' | '!override' | undefined;
}

/** Thrown when the text is outside the fast subset; never escapes yaml-fast.ts. */
export const DECLINED: unique symbol = Symbol('yaml-fast declined');

const MAX_ALIAS_DEPTH = 48;

/** Gives up on the fast path. */
export function decline(): never {
  throw DECLINED;
}

/** A Mark over [start, end) of the reader's text. */
export function markOf(r: Reader, start: number, end: number): Mark {
  return new Mark(r.source, start, end);
}

/** The offset of the end of the line holding `pos` (its newline, or the text length). */
export function lineEnd(r: Reader, pos: number): number {
  const end = r.text.indexOf('\n', pos);
  return end === -1 ? r.text.length : end;
}

/** The first offset at or after `pos` that is not a space. */
export function skipSpaces(text: string, pos: number): number {
  while (text.charCodeAt(pos) === 32) pos += 1;
  return pos;
}

/** Whether only spaces and a comment follow `pos` on its line; `pos` must follow a space for a comment. */
export function restIsEmpty(r: Reader, pos: number): boolean {
  const at = skipSpaces(r.text, pos);
  const c = r.text.charCodeAt(at);
  if (at >= r.text.length || c === 10) return true;
  if (c !== 35) return false;
  if (at === pos && pos > 0 && r.text.charCodeAt(pos - 1) !== 32 && r.text.charCodeAt(pos - 1) !== 10) decline();
  return true;
}

/** Requires the rest of the line to be empty and returns the start of the next line. */
export function endLine(r: Reader, pos: number): number {
  if (!restIsEmpty(r, pos)) decline();
  const end = lineEnd(r, pos);
  return end >= r.text.length ? r.text.length : end + 1;
}

/** The next line at or after the line start `pos` that holds content: its start and indent (-1 for a document marker). */
export function nextContent(r: Reader, pos: number): { start: number; indent: number } | undefined {
  const text = r.text;
  while (pos < text.length) {
    const at = skipSpaces(text, pos);
    const c = text.charCodeAt(at);
    if (c === 10 || c === 35 || at >= text.length) {
      const end = lineEnd(r, at);
      pos = end + 1;
      continue;
    }
    if (at === pos && isMarker(text, pos)) return { start: pos, indent: -1 };
    return { start: pos, indent: at - pos };
  }
  return undefined;
}

/** Whether a line starting at `pos` is `---` or `...` (a document marker). */
export function isMarker(text: string, pos: number): boolean {
  const three = text.slice(pos, pos + 3);
  if (three !== '---' && three !== '...') return false;
  const c = text.charCodeAt(pos + 3);
  return Number.isNaN(c) || c === 10 || c === 32;
}

/** Reads `&anchor` and `!tag` properties at `pos`; returns them and the offset after them and their spaces. */
export function readProps(r: Reader, pos: number): { props: Props; pos: number } {
  const props: Props = { anchor: undefined, tag: undefined };
  const text = r.text;
  for (;;) {
    const c = text[pos];
    if (c !== '&' && c !== '!') return { props, pos };
    let end = pos + 1;
    while (end < text.length && !' \n,[]{}'.includes(text[end]!)) end += 1;
    const word = text.slice(pos + 1, end);
    if (text.charCodeAt(end) !== 32 && text.charCodeAt(end) !== 10 && end < text.length) decline();
    if (c === '&') {
      if (props.anchor !== undefined || props.tag !== undefined || !/^[A-Za-z0-9_.-]+$/.test(word)) decline();
      props.anchor = word;
    } else {
      if (props.tag !== undefined || props.anchor !== undefined || (word !== 'reset' && word !== 'override')) decline();
      props.tag = word === 'reset' ? '!reset' : '!override';
    }
    pos = skipSpaces(text, end);
  }
}

/** Starts reading an anchored node: aliases inside it see it as incomplete. Returns its entry. */
export function openAnchor(r: Reader, props: Props): Anchor | undefined {
  if (props.anchor === undefined) return undefined;
  const anchor: Anchor = { value: undefined, depth: 0 };
  r.anchors.set(props.anchor, anchor);
  r.depths.push(0);
  return anchor;
}

/**
 * Applies the properties to a node read: tags become markers, its anchor entry gets the value. The entry
 * is updated in place: an anchor of the same name opened inside the node was written later and keeps the name.
 */
export function closeProps(r: Reader, props: Props, value: Tree, anchor: Anchor | undefined): Tree {
  const tagged = props.tag === '!reset' ? new ResetMarker() : props.tag === '!override' ? new OverrideMarker(value) : value;
  if (anchor !== undefined) {
    anchor.value = tagged;
    anchor.depth = r.depths.pop()!;
    noteDepth(r, anchor.depth);
  }
  return tagged;
}

function noteDepth(r: Reader, depth: number): void {
  const last = r.depths.length - 1;
  if (last >= 0 && r.depths[last]! < depth) r.depths[last] = depth;
}

/** The value of `*name` at `pos`: a fresh copy of the anchored value, positions included. */
export function readAlias(r: Reader, pos: number): ReadNode {
  let end = pos + 1;
  while (end < r.text.length && !' \n,[]{}'.includes(r.text[end]!)) end += 1;
  const anchor = r.anchors.get(r.text.slice(pos + 1, end));
  if (anchor === undefined || anchor.value === undefined || anchor.depth + 1 > MAX_ALIAS_DEPTH) decline();
  noteDepth(r, anchor.depth + 1);
  return { value: cloneTree(anchor.value), start: pos, end, collection: false, seq: false };
}

function cloneTree(value: Tree): Tree {
  if (value instanceof ResetMarker) return new ResetMarker();
  if (value instanceof OverrideMarker) return new OverrideMarker(cloneTree(value.value));
  if (Array.isArray(value)) {
    const items = value.map(cloneTree);
    for (let i = 0; i < value.length; i += 1) setPosition(items, i, positionOf(value, i));
    return items;
  }
  if (!isMap(value)) return value;
  const out: TreeMap = {};
  for (const key of Object.keys(value)) {
    setKey(out, key, cloneTree(value[key]!));
    setPosition(out, key, positionOf(value, key));
  }
  return out;
}
