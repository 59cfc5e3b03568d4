/**
 * Phase 5, YAML load: one compose file's text → one plain tree per YAML document, with the position of
 * every node recorded (source-map.ts). Anchors, aliases and `<<` merge keys are resolved here (before
 * interpolation, as Compose does); `!reset` and `!override` become markers for the merge phase; a key
 * written twice in one mapping is an error naming both lines. The fast reader (yaml-fast.ts) reads the
 * YAML compose files are usually written in; anything else, and every error, goes through the `yaml` package.
 */
import { Alias, isAlias, isMap as isYamlMap, isPair, isScalar as isYamlScalar, isSeq as isYamlSeq, LineCounter, parseAllDocuments, Scalar, type Document, type Node } from 'yaml';
import { BerthError, type SourceLocation } from '../errors/index.js';
import { formatPath, type ModelPath } from './locator.js';
import { copyPosition, Mark, resolveMark, setPosition, setSelfPosition, type MarkSource, type NodePosition } from './source-map.js';
import { OverrideMarker, ResetMarker, isMap, type Tree, type TreeMap } from './tree.js';
import { readYamlFast } from './yaml-fast.js';

/** A compose file as read: its absolute path, the name shown in messages, and its text. */
export interface SourceFile {
  path: string;
  display: string;
  text: string;
}

interface Context {
  file: SourceFile;
  lines: LineCounter;
  source: MarkSource;
  doc: Document.Parsed;
  depth: number;
}

const MAX_ALIAS_DEPTH = 64;

/** Parses a compose file into one mapping per YAML document (an empty document is an empty mapping). */
export function loadYaml(original: SourceFile): TreeMap[] {
  const file = { ...original, text: original.text.replace(/^\uFEFF/, '') };
  return readYamlFast(file.text, file.display) ?? loadYamlWithPackage(file);
}

/** loadYaml on a text without BOM, always through the `yaml` package (the reference the fast reader is tested against). */
export function loadYamlWithPackage(file: SourceFile): TreeMap[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(file.text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  return list.map((doc) => {
    const first = doc.errors[0];
    if (first !== undefined) throw syntaxError(file, lines, first.pos[0], first.message);
    const ctx: Context = { file, lines, doc, depth: 0, source: { display: file.display, text: file.text, lineStarts: lines.lineStarts } };
    const tree = doc.contents === null ? {} : convert(doc.contents as Node, ctx, []);
    if (!isMap(tree)) {
      throw new BerthError('invalid', 'spec.not-a-mapping', `compose file ${file.display} is not a mapping at the top level`, {
        location: positionAt(ctx, (doc.contents as Node).range?.[0] ?? 0, 1),
        hint: 'a compose file starts with top-level keys such as `services:`',
      });
    }
    setSelfPosition(tree, new Mark(ctx.source, 0, 1));
    return tree;
  });
}

function syntaxError(file: SourceFile, lines: LineCounter, offset: number, message: string): BerthError {
  const ctx = { file, lines } as Context;
  const reason = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '');
  return new BerthError('invalid', 'spec.yaml-syntax', `invalid yaml in ${file.display}: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`, {
    location: positionAt(ctx, offset, 1),
    hint: 'check the indentation and quoting on this line and the one before it (yaml indents with spaces, not tabs)',
  });
}

function positionAt(ctx: Context, offset: number, length: number): NodePosition {
  const { line, col } = ctx.lines.linePos(offset);
  const start = ctx.lines.lineStarts[line - 1] ?? 0;
  const next = ctx.lines.lineStarts[line] ?? ctx.file.text.length + 1;
  const lineText = ctx.file.text.slice(start, next).replace(/\r?\n$/, '');
  return { file: ctx.file.display, line, col, lineText, length: Math.max(1, Math.min(length, lineText.length - col + 1)) };
}

function nodePosition(ctx: Context, node: Node | null | undefined): Mark | undefined {
  if (node?.range == null) return undefined;
  return new Mark(ctx.source, node.range[0], node.range[1]);
}

function shown(mark: Mark | undefined): NodePosition | undefined {
  return mark === undefined ? undefined : resolveMark(mark);
}

function convert(node: Node, ctx: Context, path: ModelPath): Tree {
  const converted = convertUntagged(node, ctx, path);
  if (node.tag === '!reset') return new ResetMarker();
  if (node.tag === '!override') return new OverrideMarker(converted);
  return converted;
}

function convertUntagged(node: Node, ctx: Context, path: ModelPath): Tree {
  if (isAlias(node)) return convertAlias(node, ctx, path);
  if (isYamlScalar(node)) return scalarValue(node, ctx);
  if (isYamlSeq(node)) {
    const out: Tree[] = [];
    node.items.forEach((item, i) => {
      out.push(item == null ? null : convert(item as Node, ctx, [...path, i]));
      setPosition(out, i, nodePosition(ctx, item as Node));
    });
    return out;
  }
  if (isYamlMap(node)) return convertMap(node.items, ctx, path);
  return null;
}

function convertAlias(node: Alias, ctx: Context, path: ModelPath): Tree {
  const target = node.resolve(ctx.doc);
  if (target === undefined || ctx.depth > MAX_ALIAS_DEPTH) {
    throw new BerthError('invalid', 'spec.yaml-alias', `alias *${node.source} at ${formatPath(path) || 'the top level'} cannot be resolved`, {
      location: shown(nodePosition(ctx, node)),
      hint: 'define the anchor (&name) before using it, and do not make an alias refer to itself',
    });
  }
  const inner = { ...ctx, depth: ctx.depth + 1 };
  return convert(target as Node, inner, path);
}

function scalarValue(node: Scalar, ctx: Context): Tree {
  const value: unknown = node.value;
  if (typeof value === 'number' && node.type === 'PLAIN' && node.range != null) {
    const raw = ctx.file.text.slice(node.range[0], node.range[1]);
    if (/^0[0-7]+$/.test(raw)) return parseInt(raw, 8);
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (typeof value === 'bigint') return Number(value);
  return String(value);
}

function convertMap(items: unknown[], ctx: Context, path: ModelPath): TreeMap {
  const out: TreeMap = {};
  const seen = new Map<string, Mark | undefined>();
  const merges: TreeMap[] = [];
  for (const pair of items) {
    if (!isPair(pair)) continue;
    const keyNode = pair.key as Node | null;
    const valueNode = pair.value as Node | null;
    const key = keyNode !== null && isYamlScalar(keyNode) ? String(keyNode.value ?? '') : '';
    if (key === '<<' && keyNode !== null && isYamlScalar(keyNode) && keyNode.type === 'PLAIN') {
      merges.push(...mergeSources(valueNode, ctx, path));
      continue;
    }
    const keyPos = nodePosition(ctx, keyNode);
    if (seen.has(key)) throw duplicateKey(key, path, shown(seen.get(key)), keyPos === undefined ? undefined : { ...resolveMark(keyPos), path: formatPath([...path, key]) });
    seen.set(key, keyPos);
    const value = valueNode == null ? null : convert(valueNode, ctx, [...path, key]);
    defineKey(out, key, value);
    const isCollection = valueNode != null && (isYamlMap(valueNode) || isYamlSeq(valueNode));
    setPosition(out, key, isCollection || valueNode == null ? keyPos : nodePosition(ctx, valueNode));
  }
  for (const source of merges) {
    for (const key of Object.keys(source)) {
      if (key in out) continue;
      defineKey(out, key, source[key]!);
      copyPosition(source, key, out, key);
    }
  }
  return out;
}

function defineKey(map: TreeMap, key: string, value: Tree): void {
  Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}

function mergeSources(node: Node | null, ctx: Context, path: ModelPath): TreeMap[] {
  const nodes = node !== null && isYamlSeq(node) ? (node.items as Node[]) : node === null ? [] : [node];
  return nodes.map((item) => {
    const value = convert(item, ctx, path);
    if (!isMap(value)) {
      throw new BerthError('invalid', 'spec.yaml-merge', `the merge key << at ${formatPath(path) || 'the top level'} needs a mapping`, {
        location: shown(nodePosition(ctx, item)),
        hint: 'use `<<: *anchor` where the anchor names a mapping, or a list of such aliases',
      });
    }
    return value;
  });
}

function duplicateKey(key: string, path: ModelPath, first: NodePosition | undefined, second: SourceLocation | undefined): BerthError {
  const where = path.length === 0 ? 'at the top level' : `in ${formatPath(path)}`;
  return new BerthError('invalid', 'spec.duplicate-key', `key "${key}" is defined twice ${where}`, {
    location: second,
    details: first === undefined ? [] : [`first defined at ${first.file}:${first.line}:${first.col}`],
    hint: 'remove or rename one of the two; to change a value from another file, use an override file',
  });
}
