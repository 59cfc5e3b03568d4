/**
 * COPY and ADD: the items they read (context paths, globs, another stage's or image's files, inline
 * heredoc files), their content hash for the cache, and the staging directory that becomes the layer.
 * ADD extracts local tar archives (plain, gzip or zstd) into the destination; remote URLs are refused.
 */
import { closeSync, createReadStream, lstatSync, mkdirSync, openSync, readSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { InstructionOf } from '../../dockerfile/index.js';
import { BerthError } from '../../errors/index.js';
import type { BuildConfig } from './build-types.js';
import { contentHash } from './content-hash.js';
import { copyItems, type CopyItem } from './copy-sources.js';
import { resolveOwner } from './file-owner.js';
import { makeParents, parseChmod, placeItems } from './place-items.js';
import { layerTree, opaqueCheck, type SourceTree } from './source-tree.js';

/** What a COPY/ADD step reads and where it writes. */
export interface CopyInputs {
  ins: InstructionOf<'copy'> | InstructionOf<'add'>;
  /** Where sources come from: the context, or the stage/image of --from. */
  from: SourceTree;
  /** The stage being built, for --chown names and existing directories (made only when asked). */
  image: () => Promise<SourceTree>;
  config: BuildConfig;
  where: string;
  /** A private scratch directory of this step (heredoc files, extracted archives). */
  scratch: string;
}

/** The items of a step, with their hash and which of them ADD extracts. */
export interface PreparedCopy {
  items: CopyItem[];
  hash: string;
  archives: CopyItem[];
}

const REMOTE = /^[a-z][a-z0-9+.-]*:\/\//i;

function destOf(inputs: CopyInputs): string {
  const dest = posix.resolve(inputs.config.WorkingDir || '/', inputs.ins.dest);
  return inputs.ins.dest.endsWith('/') && dest !== '/' ? `${dest}/` : dest;
}

/** Resolves the sources and hashes them. */
export async function prepareCopy(inputs: CopyInputs): Promise<PreparedCopy> {
  const dest = destOf(inputs);
  // A destination ending in '/' is a directory whatever the image holds: the image is read only otherwise.
  const image = dest.endsWith('/') ? undefined : await inputs.image();
  const destIsDir = (path: string): boolean => image?.entry(path.replace(/^\/+/, ''))?.info.isDirectory() === true;
  const items: CopyItem[] = [];
  const paths: string[] = [];
  for (const source of inputs.ins.sources) {
    if (source.kind === 'heredoc') items.push(heredocItem(inputs, source.name, source.content, dest));
    else if (REMOTE.test(source.path)) throw remoteSource(inputs, source.path);
    else paths.push(source.path);
  }
  if (paths.length > 0) items.push(...copyItems(inputs.from, paths, dest, destIsDir, inputs.where));
  const archives = inputs.ins.kind === 'add' ? items.filter((i) => i.info.isFile() && isArchive(i.hostPath)) : [];
  return { items, hash: contentHash(items), archives };
}

/** Writes the step's files under `staging`. */
export async function writeCopy(inputs: CopyInputs, prepared: PreparedCopy, staging: string): Promise<void> {
  const owner = inputs.ins.chown === undefined ? { uid: 0, gid: 0 } : resolveOwner(inputs.ins.chown, await inputs.image(), inputs.where);
  const chmod = parseChmod(inputs.ins.chmod);
  const dest = destOf(inputs);
  if (dest.endsWith('/') || inputs.ins.sources.length > 1) makeParents(staging, `${dest.replace(/^\/+/, '')}/x`);
  placeItems(staging, prepared.items.filter((i) => !prepared.archives.includes(i)), owner, chmod);
  for (const [n, archive] of prepared.archives.entries()) {
    const out = join(inputs.scratch, `archive-${n}`);
    mkdirSync(out, { recursive: true });
    const { unpackLayer } = await import('../image/layer-unpack.js');
    await unpackLayer(createReadStream(archive.hostPath), out);
    const target = dest.endsWith('/') ? dest : `${dest}/`;
    placeItems(staging, copyItems(layerTree([out], 'the archive', await opaqueCheck()), ['.'], target, () => true, inputs.where), owner, chmod);
  }
}

function heredocItem(inputs: CopyInputs, name: string, content: string, dest: string): CopyItem {
  const hostPath = join(inputs.scratch, `heredoc-${name}`);
  mkdirSync(inputs.scratch, { recursive: true });
  writeFileSync(hostPath, content, { mode: 0o644 });
  const target = dest.endsWith('/') ? posix.join(dest, name) : dest;
  return { hostPath, dest: target, info: lstatSync(hostPath) };
}

function isArchive(path: string): boolean {
  const head = Buffer.alloc(262);
  const fd = openSync(path, 'r');
  try {
    const n = readSync(fd, head, 0, head.length, 0);
    if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) return true;
    if (n >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return true;
    return n >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar';
  } finally {
    closeSync(fd);
  }
}

function remoteSource(inputs: CopyInputs, url: string): BerthError {
  return new BerthError('invalid', 'build.remote-source', `${inputs.where}: ${inputs.ins.kind.toUpperCase()} of the URL '${url}' is not supported: berth builds only from local files`, {
    hint: 'download the file into the build context and ADD or COPY it from there',
  });
}
