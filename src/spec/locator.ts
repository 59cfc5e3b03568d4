/**
 * Paths into the Compose model and the locator that maps them back to source. Every phase that can fail
 * on user input takes a Locator, so its error can name file:line:col and show the source line.
 */
import type { SourceLocation } from '../errors/index.js';

/** A path into the model: keys and sequence indexes, e.g. ['services', 'web', 'ports', 1]. */
export type ModelPath = readonly (string | number)[];

/** Finds where a node came from; undefined when it was not written in any file (a default). */
export type Locator = (path: ModelPath) => SourceLocation | undefined;

/** A dotted path as users read it: `services.web.ports[1]`. */
export function formatPath(path: ModelPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}
