/**
 * Physical lines → logical instruction lines, with Docker's rules: leading blanks dropped, comment lines
 * skipped (also inside continuations), a trailing escape character continues the line, empty lines
 * inside a continuation skipped (with a warning), and heredoc bodies of RUN/COPY/ADD read up to their
 * delimiter. Each logical line keeps a map back to physical line:col for error reporting.
 */
import { heredocMarkers } from './heredoc.js';
import type { Heredoc } from './model.js';
import { dockerfileError, type SourceFile, type SourcePoint } from './source-error.js';

/** Where a piece of a logical line starts: offset `at` in the text is physical `line:col`. */
interface Segment {
  at: number;
  line: number;
  col: number;
}

/** One instruction's text, joined from its physical lines, with its heredoc bodies. */
export interface LogicalLine {
  text: string;
  line: number;
  endLine: number;
  heredocs: Heredoc[];
  /** Empty lines were found inside its continuation (Docker warns about them). */
  emptyContinuation: boolean;
  segments: Segment[];
}

const HEREDOC_KEYWORDS = new Set(['run', 'copy', 'add']);

/** The physical position of offset `at` of a logical line. */
export function pointAt(logical: LogicalLine, at: number, length?: number): SourcePoint {
  let segment = logical.segments[0]!;
  for (const s of logical.segments) if (s.at <= at) segment = s;
  return { line: segment.line, col: segment.col + at - segment.at, ...(length === undefined ? {} : { length }) };
}

/** Splits the source into logical lines; `escape` is the continuation character. */
export function logicalLines(source: SourceFile, escape: string): LogicalLine[] {
  const continuation = new RegExp(`${escape === '`' ? '`' : '\\\\'}[ \\t]*$`);
  const out: LogicalLine[] = [];
  let i = 0;
  while (i < source.lines.length) {
    const raw = source.lines[i]!;
    i++;
    const text = raw.trimStart();
    if (text === '' || text.startsWith('#')) continue;
    const first = { at: 0, line: i, col: raw.length - text.length + 1 };
    const logical: LogicalLine = { text: text.replace(continuation, ''), line: i, endLine: i, heredocs: [], emptyContinuation: false, segments: [first] };
    if (continuation.test(text)) i = joinContinuation(source, logical, i, continuation);
    if (logical.text.trim() === '') continue;
    i = readHeredocs(source, logical, i);
    out.push(logical);
  }
  return out;
}

/** Appends continuation lines to `logical`; returns the index of the next unread line. */
function joinContinuation(source: SourceFile, logical: LogicalLine, next: number, continuation: RegExp): number {
  let i = next;
  for (;;) {
    if (i >= source.lines.length) {
      throw dockerfileError(source, { line: logical.endLine, col: 1, length: source.lines[logical.endLine - 1]?.length ?? 1 }, 'continuation-at-eof', 'the dockerfile ends inside a line continuation', `remove the trailing escape character from line ${logical.endLine} or add the line it announces`);
    }
    const raw = source.lines[i]!;
    i++;
    if (raw.trimStart().startsWith('#')) continue;
    if (raw.trim() === '') {
      logical.emptyContinuation = true;
      continue;
    }
    logical.segments.push({ at: logical.text.length, line: i, col: 1 });
    logical.text += raw.replace(continuation, '');
    logical.endLine = i;
    if (!continuation.test(raw)) return i;
  }
}

/** Reads the heredoc bodies a RUN/COPY/ADD line opens; returns the index of the next unread line. */
function readHeredocs(source: SourceFile, logical: LogicalLine, next: number): number {
  const keyword = /^\S+/.exec(logical.text.trimStart())?.[0]?.toLowerCase() ?? '';
  if (!HEREDOC_KEYWORDS.has(keyword) || !logical.text.includes('<<')) return next;
  let i = next;
  for (const marker of heredocMarkers(logical.text)) {
    const body: string[] = [];
    for (;;) {
      if (i >= source.lines.length) {
        const at = Math.max(0, logical.text.search(new RegExp(`<<-?["']?${marker.name.replace(/[^\w]/g, '\\$&')}`)));
        throw dockerfileError(source, pointAt(logical, at, 2 + marker.name.length), 'unterminated-heredoc', `heredoc '${marker.name}' of ${keyword.toUpperCase()} is never closed`, `end the heredoc with a line holding only '${marker.name}'`);
      }
      const raw = source.lines[i]!;
      i++;
      const candidate = marker.chomp ? raw.replace(/^\t+/, '') : raw;
      if (candidate === marker.name) break;
      body.push(candidate);
    }
    logical.heredocs.push({ name: marker.name, content: body.map((l) => `${l}\n`).join(''), expand: marker.expand, chomp: marker.chomp });
    logical.endLine = i;
  }
  return i;
}
