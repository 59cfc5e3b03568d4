/**
 * A fast path for the bundle's requires of its own chunks: a file in dist/bundle requiring `./<chunk>.cjs`
 * gets the file beside it, without Node's resolution (a stat and a realpath walk each, ~0.1 ms), which
 * the bundle asks for ~50 times in `up`. `dir` must be a real path (a launcher's __dirname is). Only
 * chunks listed in `dir` when installed take the fast path; any other request goes to Node's resolver.
 */
import Module from 'node:module';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

type Resolve = (request: string, parent: { filename?: string | null } | undefined, ...rest: unknown[]) => string;

/** Makes the chunks of `dir` resolve straight to their files from now on. */
export function installChunkResolver(dir: string): void {
  const chunks = new Set(readdirSync(dir).filter((name) => name.endsWith('.cjs')));
  const loader = Module as unknown as { _resolveFilename: Resolve };
  const original = loader._resolveFilename;
  loader._resolveFilename = function resolve(this: unknown, request, parent, ...rest) {
    const name = request.startsWith('./') ? request.slice(2) : '';
    if (chunks.has(name) && typeof parent?.filename === 'string' && dirname(parent.filename) === dir) return join(dir, name);
    return original.call(this, request, parent, ...rest);
  };
}
