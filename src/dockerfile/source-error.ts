/**
 * Dockerfile errors at file:line:col. Every syntax or substitution error of this layer is a
 * BerthError of class `invalid` with a `dockerfile.*` code and the physical source line under it.
 */
import { BerthError } from '../errors/index.js';

/** A physical position in a Dockerfile (1-based line and column). */
export interface SourcePoint {
  line: number;
  col: number;
  length?: number;
}

/** The file a position belongs to: its name and its physical lines. */
export interface SourceFile {
  file: string;
  lines: readonly string[];
}

/** A `dockerfile.<code>` error pointing at `at` in `source`. */
export function dockerfileError(source: SourceFile, at: SourcePoint, code: string, message: string, hint: string): BerthError {
  const lineText = source.lines[at.line - 1];
  const location = {
    file: source.file,
    line: at.line,
    col: at.col,
    ...(lineText === undefined ? {} : { lineText }),
    ...(at.length === undefined ? {} : { length: at.length }),
  };
  return new BerthError('invalid', `dockerfile.${code}`, message, { hint, location });
}

/** The position of the first non-blank character of a physical line. */
export function lineStart(source: SourceFile, line: number): SourcePoint {
  const text = source.lines[line - 1] ?? '';
  return { line, col: text.length - text.trimStart().length + 1 };
}
