/**
 * A directory tree streamed as a tar (what `berth import DIR` stores as its one layer): entries in sorted
 * order with modes, owners, mtimes, symlinks and hard links (by inode); sockets and device nodes are left
 * out, as the unpack policy would skip them anyway.
 */
import { createReadStream, type Stats } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pack, type Header, type Pack } from 'tar-stream';

/** A readable tar of everything under `root` (names relative to it). */
export function directoryTar(root: string): Readable {
  const archive = pack();
  const links = new Map<string, string>();
  (async () => {
    await addTree(archive, root, '', links);
    archive.finalize();
  })().catch((error: unknown) => archive.destroy(error as Error));
  return Readable.from(archive);
}

async function addTree(archive: Pack, root: string, rel: string, links: Map<string, string>): Promise<void> {
  const names = (await readdir(join(root, rel))).sort();
  for (const name of names) {
    const path = rel === '' ? name : `${rel}/${name}`;
    const info = await lstat(join(root, path));
    const header = headerOf(path, info);
    if (info.isDirectory()) {
      await addEntry(archive, { ...header, name: `${path}/`, type: 'directory' });
      await addTree(archive, root, path, links);
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
    archive.entry(header, (error?: Error | null) => (error ? reject(error) : resolve()));
  });
}

function headerOf(name: string, info: Stats): Header {
  return { name, mode: info.mode & 0o7777, uid: info.uid, gid: info.gid, mtime: info.mtime, size: 0, type: 'file', linkname: '', uname: '', gname: '', devmajor: 0, devminor: 0 };
}
