/**
 * What every phase that reads files shares within one load: the injected reader, how file names are
 * shown in messages, the warning sink, and whether values are interpolated. Keeps the phases pure:
 * nothing here touches the file system itself.
 */
import { dirname, relative } from 'node:path';
import { BerthError } from '../errors/index.js';
import type { Lookup, VariableUse } from './template.js';
import type { WarningSink } from './warnings.js';

/** Reads a file's text; undefined when it does not exist. `-` is stdin. */
export type ReadText = (path: string) => string | undefined;

/** The shared state of one load. */
export interface LoadContext {
  readText: ReadText;
  workingDir: string;
  warnings: WarningSink;
  interpolate: boolean;
  onUse?: (use: VariableUse) => void;
}

/** The environment a file is interpolated against. */
export interface Scope {
  lookup: Lookup;
}

/** A path as shown in messages: relative to the working directory when inside it. */
export function displayPath(ctx: LoadContext, path: string): string {
  if (path === '-') return '<stdin>';
  const rel = relative(ctx.workingDir, path);
  return rel !== '' && !rel.startsWith('..') ? rel : path;
}

/** Reads a file through the context, or fails with a not-found error naming who wanted it. */
export function mustRead(ctx: LoadContext, path: string, wantedBy: string): string {
  const text = ctx.readText(path);
  if (text !== undefined) return text;
  throw new BerthError('not-found', 'spec.file-not-found', `${wantedBy} ${displayPath(ctx, path)} does not exist`, {
    hint: `check the path; relative paths are resolved against ${dirname(path)}`,
  });
}
