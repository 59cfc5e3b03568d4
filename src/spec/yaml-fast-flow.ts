/**
 * Flow collections for the fast YAML reader: `[a, "b"]` and `{k: v}`, nested, over several lines when each
 * continuation line is indented deeper than the block that owns the collection. Plain scalars holding `: `
 * or a `#` that is not a comment, implicit pairs in sequences, empty entries, trailing commas, tags and
 * anchors all decline.
 */
import { setPosition } from './source-map.js';
import type { Tree } from './tree.js';
import { MapBuilder } from './yaml-fast-map.js';
import { decline, markOf, readAlias, skipSpaces, type ReadNode, type Reader } from './yaml-fast-reader.js';
import { plainKey, plainValue, readDoubleQuoted, readSingleQuoted } from './yaml-fast-scalars.js';

/** The flow collection opening at `pos` inside a block at `indent`. */
export function readFlow(r: Reader, pos: number, indent: number): ReadNode {
  return r.text[pos] === '[' ? readFlowSeq(r, pos, indent, true) : readFlowMap(r, pos, indent, true);
}

function readNested(r: Reader, pos: number, indent: number): ReadNode {
  return r.text[pos] === '[' ? readFlowSeq(r, pos, indent, false) : readFlowMap(r, pos, indent, false);
}

function readFlowSeq(r: Reader, start: number, indent: number, outer: boolean): ReadNode {
  const close = outer ? ']' : undefined;
  const items: Tree[] = [];
  let pos = skipFlowSpace(r, start + 1, indent, close);
  if (r.text[pos] !== ']') {
    for (;;) {
      const node = readFlowNode(r, pos, indent);
      setPosition(items, items.length, markOf(r, node.start, node.end));
      items.push(node.value);
      pos = skipFlowSpace(r, node.end, indent, close);
      if (r.text[pos] === ']') break;
      if (r.text[pos] !== ',') decline();
      pos = skipFlowSpace(r, pos + 1, indent, close);
      if (r.text[pos] === ']') decline();
    }
  }
  return { value: items, start, end: pos + 1, collection: true, seq: true };
}

function readFlowMap(r: Reader, start: number, indent: number, outer: boolean): ReadNode {
  const close = outer ? '}' : undefined;
  const map = new MapBuilder();
  let pos = skipFlowSpace(r, start + 1, indent, close);
  if (r.text[pos] !== '}') {
    for (;;) {
      const keyStart = pos;
      const key = readFlowKey(r, pos);
      if (r.text.charCodeAt(key.end) !== 58 || r.text.charCodeAt(key.end + 1) !== 32) decline();
      pos = skipFlowSpace(r, key.end + 1, indent, undefined);
      if (r.text[pos] === ',' || r.text[pos] === '}') decline();
      const node = readFlowNode(r, pos, indent);
      if (key.merge) map.merge(node);
      else map.add(key.key, markOf(r, keyStart, key.end), node, markOf(r, node.start, node.end));
      pos = skipFlowSpace(r, node.end, indent, close);
      if (r.text[pos] === '}') break;
      if (r.text[pos] !== ',') decline();
      pos = skipFlowSpace(r, pos + 1, indent, close);
      if (r.text[pos] === '}') decline();
    }
  }
  return { value: map.finish(), start, end: pos + 1, collection: true, seq: false };
}

function readFlowKey(r: Reader, pos: number): { key: string; end: number; merge: boolean } {
  const c = r.text[pos];
  if (c === '"' || c === "'") {
    const quoted = c === '"' ? readDoubleQuoted(r, pos) : readSingleQuoted(r, pos);
    return { key: quoted.value, end: quoted.end, merge: false };
  }
  const plain = scanFlowPlain(r, pos, true);
  if (plain.end - pos > 1000) decline();
  return { key: plainKey(plain.raw), end: plain.end, merge: plain.raw === '<<' };
}

function readFlowNode(r: Reader, pos: number, indent: number): ReadNode {
  const c = r.text[pos];
  if (c === '[' || c === '{') return readNested(r, pos, indent);
  if (c === '*') return readAlias(r, pos);
  if (c === '"' || c === "'") {
    const quoted = c === '"' ? readDoubleQuoted(r, pos) : readSingleQuoted(r, pos);
    return { value: quoted.value, start: pos, end: quoted.end, collection: false, seq: false };
  }
  const plain = scanFlowPlain(r, pos, false);
  return { value: plainValue(plain.raw, false), start: pos, end: plain.end, collection: false, seq: false };
}

/** A plain scalar in flow context; a key stops at `: `, anything else with `:` or `#` declines. */
function scanFlowPlain(r: Reader, pos: number, key: boolean): { raw: string; end: number } {
  const text = r.text;
  const first = text[pos];
  if (first === undefined || '-?:,[]{}#&*!|>\'"%@`'.includes(first)) {
    if ((first !== '-' && first !== ':') || ' \n,[]{}'.includes(text[pos + 1] ?? ' ')) decline();
  }
  let end = pos;
  let i = pos;
  for (; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 44 || c === 91 || c === 93 || c === 123 || c === 125) break;
    if (c === 35) {
      if (text.charCodeAt(i - 1) === 32) break;
      decline();
    }
    if (c === 58 && ' \n,[]{}'.includes(text[i + 1] ?? ' ')) {
      if (key && text.charCodeAt(i + 1) === 32) break;
      decline();
    }
    if (c !== 32) end = i + 1;
  }
  if (key && end !== i) decline();
  return { raw: text.slice(pos, end), end };
}

/** Skips spaces, line breaks and comments inside a flow collection: lines deeper than the block, except the outermost closing bracket. */
function skipFlowSpace(r: Reader, pos: number, indent: number, close: string | undefined): number {
  const text = r.text;
  for (;;) {
    const at = skipSpaces(text, pos);
    const c = text.charCodeAt(at);
    if (c === 35) {
      if (at === pos && text.charCodeAt(pos - 1) !== 10) decline();
      pos = text.indexOf('\n', at);
      if (pos === -1) decline();
      continue;
    }
    if (c !== 10) {
      if (at >= text.length) decline();
      return at;
    }
    const next = at + 1;
    const content = skipSpaces(text, next);
    const d = text.charCodeAt(content);
    const closes = content - next === indent && text[content] === close;
    if (content < text.length && d !== 10 && content - next <= indent && !closes) decline();
    pos = next;
  }
}
