/**
 * A directory tree streamed as a tar (what `berth import DIR` stores as its one layer): entries in sorted
 * order with modes, owners, mtimes, symlinks and hard links (by inode); sockets and device nodes are left
 * out, as the unpack policy would skip them anyway. Callers with their own entry rules (the builder's
 * overlay upper dirs: whiteouts, opaque dirs) give them as hooks; without hooks every entry is as above.
 */
import { createReadStream, type Stats } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pack, type Header, type Pack } from 'tar-stream';

/** Entry rules of a caller, on top of the default ones. */
export interface DirectoryTarHooks {
  /** For a non-directory: the header to write instead (with no data), null to leave it out, undefined for the default. */
  replace?: (path: string, info: Stats) => Header | null | undefined;
  /** For a directory: extra entries written right after its own. */
  markers?: (path: string, info: Stats) => Header[];
}

/** A readable tar of everything under `root` (names relative to it). */
export function directoryTar(root: string, hooks: DirectoryTarHooks = {}): Readable {
  const archive = pack();
  const links = new Map<string, string>();
  (async () => {
    await addTree(archive, root, '', links, hooks);
    archive.finalize();
  })().catch((error: unknown) => archive.destroy(error as Error));
  return Readable.from(archive);
}

async function addTree(archive: Pack, root: string, rel: string, links: Map<string, string>, hooks: DirectoryTarHooks): Promise<void> {
  const names = (await readdir(join(root, rel))).sort();
  for (const name of names) {
    const path = rel === '' ? name : `${rel}/${name}`;
    const info = await lstat(join(root, path));
    const header = headerOf(path, info);
    const replaced = info.isDirectory() ? undefined : hooks.replace?.(path, info);
    if (replaced !== undefined) {
      if (replaced !== null) await addEntry(archive, replaced);
    } else if (info.isDirectory()) {
      await addEntry(archive, { ...header, name: `${path}/`, type: 'directory' });
      for (const marker of hooks.markers?.(path, info) ?? []) await addEntry(archive, marker);
      await addTree(archive, root, path, links, hooks);
    } else if (info.isSymbolicLink()) {
      await addEntry(archive, { ...header, type: 'symlink', linkname: await readlink(join(root, path)) });
    } else if (info.isFile()) {
      await addFile(archive, root, path, header, info, links);
    } else if (info.isFIFO()) {
      await addEntry(archive, { ...header, type: 'fifo' });
    }
  }
}

async function addFile(archive: Pack, root: string, path: string, header: Header, info: Stats, links: Map<string, string>): Promise<void> {
  const key = `${info.dev}:${info.ino}`;
  const first = info.nlink > 1 ? links.get(key) : undefined;
  if (first !== undefined) return addEntry(archive, { ...header, type: 'link', linkname: first });
  if (info.nlink > 1) links.set(key, path);
  const entry = archive.entry({ ...header, type: 'file', size: info.size });
  await pipeline(createReadStream(join(root, path)), entry);
}

function addEntry(archive: Pack, header: Header): Promise<void> {
  return new Promise((resolve, reject) => {
    // An empty body, not none: without one tar-stream waits for a file entry's data stream.
    archive.entry(header, Buffer.alloc(0), (error?: Error | null) => (error ? reject(error) : resolve()));
  });
}

/** The header `directoryTar` gives the entry `name` of `info` (hooks start from it). */
export function headerOf(name: string, info: Stats): Header {
  return { name, mode: info.mode & 0o7777, uid: info.uid, gid: info.gid, mtime: info.mtime, size: 0, type: 'file', linkname: '', uname: '', gname: '', devmajor: 0, devminor: 0 };
}
