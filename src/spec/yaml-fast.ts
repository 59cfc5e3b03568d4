/**
 * A fast reader for the YAML that compose files are written in: block mappings and sequences, flow
 * collections, quoted, plain and block scalars, comments, anchors, aliases, `<<`, `!reset`/`!override` and
 * document markers. Where it answers, the trees and positions equal yaml-load.ts's through the `yaml`
 * package (yaml-fast.test.ts checks); for anything else, including every error, it declines (undefined).
 */
import { Mark, setPosition, setSelfPosition } from './source-map.js';
import type { Tree, TreeMap } from './tree.js';
import { readFlow } from './yaml-fast-flow.js';
import { MapBuilder } from './yaml-fast-map.js';
import {
  closeProps, decline, DECLINED, endLine, isMarker, lineEnd, markOf, nextContent, openAnchor, readAlias, readProps, restIsEmpty, skipSpaces,
  type Props, type ReadNode, type Reader,
} from './yaml-fast-reader.js';
import { plainKey, plainValue, readBlockScalar, readDoubleQuoted, readSingleQuoted, scanBlockPlain } from './yaml-fast-scalars.js';

const UNSAFE = /[\x00-\x09\x0b-\x1f\x7f\x85\u2028\u2029\ufeff]|^%|\n%/;

/** The documents of `text` (its BOM already removed), or undefined when the fast path does not apply. */
export function readYamlFast(text: string, display: string): TreeMap[] | undefined {
  if (UNSAFE.test(text)) return undefined;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const r: Reader = { text, pos: 0, source: { display, text, lineStarts }, anchors: new Map(), depths: [] };
  try {
    return readDocuments(r);
  } catch (error) {
    if (error === DECLINED) return undefined;
    throw error;
  }
}

function readDocuments(r: Reader): TreeMap[] {
  const docs: TreeMap[] = [];
  let line = nextContent(r, 0);
  while (line !== undefined) {
    let explicit = false;
    if (r.text.startsWith('---', line.start) && line.indent === -1) {
      explicit = true;
      line = nextContent(r, endLine(r, line.start + 3));
    }
    if (line === undefined || line.indent !== 0 || isMarker(r.text, line.start)) decline();
    r.anchors.clear();
    const root = readBlockNode(r, line.start, 0);
    if (root.seq || !root.collection || !explicit && docs.length > 0) decline();
    setSelfPosition(root.value as object, new Mark(r.source, 0, 1));
    docs.push(root.value as TreeMap);
    line = nextContent(r, r.pos);
    if (line !== undefined && r.text.startsWith('...', line.start)) decline();
  }
  return docs;
}

/** The block collection whose first line starts at `lineStart`, its content at column `indent`. */
function readBlockNode(r: Reader, lineStart: number, indent: number): ReadNode {
  const at = lineStart + indent;
  if (isSeqEntry(r.text, at)) return readBlockSeq(r, lineStart, indent);
  if (keyAt(r, at) === undefined) decline();
  return readBlockMap(r, at, indent);
}

function isSeqEntry(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== 45) return false;
  const c = text.charCodeAt(at + 1);
  return c === 32 || c === 10 || at + 1 >= text.length;
}

interface Key {
  key: string;
  start: number;
  end: number;
  merge: boolean;
  /** The offset after the `:`. */
  after: number;
}

/** The implicit key at `pos`, if the line holds `key: ...` there. */
function keyAt(r: Reader, pos: number): Key | undefined {
  const text = r.text;
  const c = text[pos]!;
  let key: string;
  let end: number;
  if (c === '"' || c === "'") {
    const quoted = c === '"' ? readDoubleQuoted(r, pos) : readSingleQuoted(r, pos);
    key = quoted.value;
    end = quoted.end;
  } else {
    if ('-?:,[]{}#&*!|>%@`'.includes(c)) return undefined;
    end = text.indexOf(':', pos);
    const stop = lineEnd(r, pos);
    while (end !== -1 && end < stop && text.charCodeAt(end + 1) !== 32 && end + 1 !== stop) end = text.indexOf(':', end + 1);
    if (end === -1 || end >= stop) return undefined;
    const raw = text.slice(pos, end);
    if (/[\s#[\]{},"']/.test(raw)) decline();
    key = plainKey(raw);
    if (raw === '<<') return { key, start: pos, end, merge: true, after: end + 1 };
  }
  if (text.charCodeAt(end) !== 58) return undefined;
  const next = text.charCodeAt(end + 1);
  if (next !== 32 && next !== 10 && end + 1 < text.length) decline();
  if (end - pos > 1000) decline();
  return { key, start: pos, end, merge: false, after: end + 1 };
}

/** A block mapping whose first key is at `pos`, its keys at column `indent`; leaves r.pos at the next line. */
function readBlockMap(r: Reader, pos: number, indent: number): ReadNode {
  const map = new MapBuilder();
  const start = pos;
  let last = pos;
  for (;;) {
    const key = keyAt(r, pos);
    if (key === undefined) decline();
    const node = readValue(r, key.after, indent, true);
    if (key.merge) map.merge(node);
    else map.add(key.key, markOf(r, key.start, key.end), node, markOf(r, node.start, node.end));
    last = lineEnd(r, Math.max(node.end - 1, key.start));
    const line = nextContent(r, r.pos);
    if (line === undefined || line.indent < indent) break;
    if (line.indent > indent) decline();
    pos = line.start + indent;
  }
  return { value: map.finish(), start, end: last, collection: true, seq: false };
}

/** A block sequence whose first `-` is at column `indent` of the line at `lineStart`. */
function readBlockSeq(r: Reader, lineStart: number, indent: number): ReadNode {
  const items: Tree[] = [];
  const start = lineStart + indent;
  let dash = start;
  let last = start;
  for (;;) {
    const at = skipSpaces(r.text, dash + 1);
    if (at === dash + 1 && !restIsEmpty(r, at)) decline();
    const node = readItem(r, at, indent, at - (dash - indent));
    setPosition(items, items.length, markOf(r, node.start, node.end));
    items.push(node.value);
    last = lineEnd(r, Math.max(node.end - 1, dash));
    const line = nextContent(r, r.pos);
    if (line === undefined || line.indent < indent) break;
    if (line.indent > indent) decline();
    if (!isSeqEntry(r.text, line.start + indent)) break;
    dash = line.start + indent;
  }
  return { value: items, start, end: last, collection: true, seq: true };
}

/** One sequence entry's content at `pos` (column `column`): a compact mapping, or any value. */
function readItem(r: Reader, pos: number, indent: number, column: number): ReadNode {
  const c = r.text[pos];
  if (c !== '&' && c !== '!' && c !== '*' && !restIsEmpty(r, pos)) {
    if (isSeqEntry(r.text, pos)) decline();
    if (keyAt(r, pos) !== undefined) return readBlockMap(r, pos, column);
  }
  return readValue(r, pos, indent, false);
}

/** The value after a key's `:` or a `-` at `pos`, in a block at `indent`; leaves r.pos at the next line. */
function readValue(r: Reader, pos: number, indent: number, inMap: boolean): ReadNode {
  const read = readProps(r, skipSpaces(r.text, pos));
  const props = read.props;
  const anchor = openAnchor(r, props);
  const node = restIsEmpty(r, read.pos) ? readBelow(r, read.pos, indent, inMap, props) : readInline(r, read.pos, indent, props);
  node.value = closeProps(r, props, node.value, anchor);
  return node;
}

/** A value on the lines below (a nested block), or the empty scalar where the line ended. */
function readBelow(r: Reader, pos: number, indent: number, inMap: boolean, props: Props): ReadNode {
  const after = endLine(r, pos);
  const line = nextContent(r, after);
  if (line !== undefined && (line.indent > indent || (inMap && line.indent === indent && isSeqEntry(r.text, line.start + indent)))) {
    return readBlockNode(r, line.start, line.indent);
  }
  r.pos = after;
  return { value: props.tag === undefined ? null : '', start: pos, end: pos, collection: false, seq: false };
}

/** A value written on the same line at `pos`: alias, quoted, flow, block scalar or plain. */
function readInline(r: Reader, pos: number, indent: number, props: Props): ReadNode {
  const text = r.text;
  const c = text[pos];
  let node: ReadNode;
  if (c === '|' || c === '>') {
    const block = readBlockScalar(r, pos, indent);
    r.pos = block.next;
    return { value: block.value, start: pos, end: block.end, collection: false, seq: false };
  }
  if (c === '*') {
    if (props.anchor !== undefined || props.tag !== undefined) decline();
    node = readAlias(r, pos);
  } else if (c === '"' || c === "'") {
    const quoted = c === '"' ? readDoubleQuoted(r, pos) : readSingleQuoted(r, pos);
    node = { value: quoted.value, start: pos, end: quoted.end, collection: false, seq: false };
  } else if (c === '[' || c === '{') {
    node = readFlow(r, pos, indent);
  } else {
    if ('-?:,[]{}#&*!|>%@`'.includes(c!) && ((c !== '-' && c !== ':') || ' \n'.includes(text[pos + 1] ?? ' '))) decline();
    const plain = scanBlockPlain(r, pos);
    node = { value: plainValue(plain.raw, props.tag !== undefined), start: pos, end: plain.end, collection: false, seq: false };
  }
  r.pos = endLine(r, node.end);
  return node;
}
