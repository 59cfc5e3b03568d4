import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { walkContext } from './build-context.js';
import { contentHash } from './content-hash.js';
import { copyItems } from './copy-sources.js';
import { contextTree } from './source-tree.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-bd-copy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files: Record<string, string> = {
  '.dockerignore': 'secret.txt\nlogs\n!logs/keep.log\n', 'a.txt': 'a', 'b.txt': 'b', 'secret.txt': 's', 'src/x.js': 'x', 'src/lib/y.js': 'y', 'logs/drop.log': 'd', 'logs/keep.log': 'k',
};
for (const [path, text] of Object.entries(files)) {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}
const tree = contextTree(walkContext(dir));
const notDir = (): boolean => false;
const dests = (sources: string[], dest: string, isDir = notDir): string[] => copyItems(tree, sources, dest, isDir, 'Dockerfile:2').map((i) => i.dest);

describe('COPY sources', () => {
  it('copies a directory source by its contents, and a file to the destination or into it', () => {
    expect(dests(['src'], '/app')).toEqual(['/app/lib', '/app/lib/y.js', '/app/x.js']);
    expect(dests(['a.txt'], '/app/renamed.txt')).toEqual(['/app/renamed.txt']);
    expect(dests(['a.txt'], '/app/')).toEqual(['/app/a.txt']);
    expect(dests(['a.txt'], '/tmp', () => true)).toEqual(['/tmp/a.txt']);
  });

  it('expands globs and needs a directory destination for several sources', () => {
    expect(dests(['*.txt'], '/t/')).toEqual(['/t/a.txt', '/t/b.txt']);
    expect(() => dests(['a.txt', 'b.txt'], '/t')).toThrow(expect.objectContaining({ code: 'build.copy-dest-not-dir' }));
  });

  it('does not see what .dockerignore leaves out, except its ! re-inclusions', () => {
    expect(() => dests(['secret.txt'], '/s')).toThrow(expect.objectContaining({ code: 'build.copy-source-missing', message: "Dockerfile:2: 'secret.txt' is not in the build context" }));
    expect(dests(['logs'], '/l/')).toEqual(['/l/keep.log']);
  });

  it('hashes paths, modes and bytes but not mtimes', () => {
    const before = contentHash(copyItems(tree, ['src'], '/app', notDir, 'w'));
    utimesSync(join(dir, 'src/x.js'), new Date(0), new Date(0));
    const touched = contentHash(copyItems(contextTree(walkContext(dir)), ['src'], '/app', notDir, 'w'));
    expect(touched).toBe(before);
    writeFileSync(join(dir, 'src/x.js'), 'changed');
    expect(contentHash(copyItems(contextTree(walkContext(dir)), ['src'], '/app', notDir, 'w'))).not.toBe(before);
    expect(contentHash(copyItems(tree, ['src'], '/other', notDir, 'w'))).not.toBe(before);
  });
});
