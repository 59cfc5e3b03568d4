/**
 * COPY/ADD source selection with Docker's rules: a directory source copies its contents, a file goes to
 * `dest/<name>` when the destination is a directory (ends in `/`, several sources or glob matches, or an
 * existing directory) and to `dest` itself otherwise; globs match with filepath.Match rules. The result
 * is a list in a stable order, so its content hash is stable.
 */
import { posix } from 'node:path';
import type { Stats } from 'node:fs';
import { compilePattern } from '../../dockerfile/index.js';
import { BerthError } from '../../errors/index.js';
import type { SourceTree } from './source-tree.js';

/** One entry to place in the layer: where it comes from and its absolute path in the image. */
export interface CopyItem {
  hostPath: string;
  dest: string;
  info: Stats;
}

const GLOB = /[*?[]/;

/** The tree paths a source names (a glob may name several); throws when it names nothing. */
function matches(tree: SourceTree, source: string, where: string): string[] {
  const clean = posix.normalize(`/${source}`).slice(1).replace(/\/$/, '');
  if (!GLOB.test(clean)) {
    if (tree.entry(clean) !== undefined) return [clean];
    return missing(tree, source, where);
  }
  const compiled = compilePattern(clean);
  if (typeof compiled === 'string') throw new BerthError('invalid', 'build.bad-glob', `${where}: ${compiled}`, { hint: 'fix the COPY source pattern' });
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of tree.children(dir)) {
      const path = dir === '' ? name : `${dir}/${name}`;
      if (compiled.regexp.test(path)) found.push(path);
      else if (tree.entry(path)?.info.isDirectory() === true) walk(path);
    }
  };
  walk('');
  return found.length > 0 ? found : missing(tree, source, where);
}

function missing(tree: SourceTree, source: string, where: string): never {
  throw new BerthError('not-found', 'build.copy-source-missing', `${where}: '${source}' is not in ${tree.what}`, {
    hint: 'check the path (relative to the context root) and that .dockerignore does not leave it out',
  });
}

/** Every entry under `dir` (not `dir` itself), parents before children. */
function subtree(tree: SourceTree, dir: string, dest: string, out: CopyItem[]): void {
  for (const name of tree.children(dir)) {
    const path = dir === '' ? name : `${dir}/${name}`;
    const entry = tree.entry(path)!;
    out.push({ hostPath: entry.hostPath, dest: posix.join(dest, name), info: entry.info });
    if (entry.info.isDirectory()) subtree(tree, path, posix.join(dest, name), out);
  }
}

/** The items of a COPY of `sources` from `tree` to the absolute `dest`. */
export function copyItems(tree: SourceTree, sources: readonly string[], dest: string, destIsDir: (path: string) => boolean, where: string): CopyItem[] {
  const paths = sources.flatMap((s) => matches(tree, s, where));
  const intoDir = dest.endsWith('/') || paths.length > 1 || sources.some((s) => GLOB.test(s)) || destIsDir(dest);
  if (sources.length > 1 && !dest.endsWith('/')) {
    throw new BerthError('invalid', 'build.copy-dest-not-dir', `${where}: copying several sources needs a destination ending in '/'`, { hint: `write the destination as ${dest}/` });
  }
  const items: CopyItem[] = [];
  for (const path of paths) {
    const entry = tree.entry(path)!;
    if (entry.info.isDirectory()) subtree(tree, path, dest, items);
    else items.push({ hostPath: entry.hostPath, dest: intoDir ? posix.join(dest, posix.basename(path)) : dest, info: entry.info });
  }
  return items;
}
