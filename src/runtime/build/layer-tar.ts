/**
 * A layer directory (a RUN step's overlay upper dir, or a COPY staging dir) streamed as an OCI layer
 * tar: overlay whiteouts (0/0 character devices) become `.wh.NAME` entries and opaque directories
 * (trusted.overlay.opaque=y) get a `.wh..wh..opq` entry, so the store recreates both when it unpacks.
 * Mount points the runtime created for its own files (empty /etc/hosts, /etc/resolv.conf, …) are left out.
 */
import { createReadStream, type Stats } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pack, type Header, type Pack } from 'tar-stream';
import { lgetxattr } from '../../sys/xattr.js';

/** Files the runtime mounts over; an empty one in an upper dir is a mount point, not content. */
const RUNTIME_FILES = new Set(['etc/hosts', 'etc/resolv.conf', 'etc/hostname']);

/** A readable layer tar of everything under `root`, in sorted order. */
export function layerTar(root: string): Readable {
  const archive = pack();
  const links = new Map<string, string>();
  (async () => {
    await addTree(archive, root, '', links);
    archive.finalize();
  })().catch((error: unknown) => archive.destroy(error as Error));
  return Readable.from(archive);
}

async function addTree(archive: Pack, root: string, rel: string, links: Map<string, string>): Promise<void> {
  for (const name of (await readdir(join(root, rel))).sort()) {
    const path = rel === '' ? name : `${rel}/${name}`;
    const info = await lstat(join(root, path));
    if (RUNTIME_FILES.has(path) && info.isFile() && info.size === 0) continue;
    await addEntry(archive, root, path, info, links);
  }
}

async function addEntry(archive: Pack, root: string, path: string, info: Stats, links: Map<string, string>): Promise<void> {
  const header = headerOf(path, info);
  const full = join(root, path);
  if (info.isCharacterDevice() && info.rdev === 0) {
    const cut = path.lastIndexOf('/');
    return entry(archive, { ...header, name: `${path.slice(0, cut + 1)}.wh.${path.slice(cut + 1)}`, mode: 0o644, uid: 0, gid: 0 });
  }
  if (info.isDirectory()) {
    await entry(archive, { ...header, name: `${path}/`, type: 'directory' });
    if (lgetxattr(full, 'trusted.overlay.opaque')?.toString() === 'y') await entry(archive, { ...header, name: `${path}/.wh..wh..opq`, mode: 0o644 });
    return addTree(archive, root, path, links);
  }
  if (info.isSymbolicLink()) return entry(archive, { ...header, type: 'symlink', linkname: await readlink(full) });
  if (info.isFIFO()) return entry(archive, { ...header, type: 'fifo' });
  if (!info.isFile()) return;
  const key = `${info.dev}:${info.ino}`;
  const first = info.nlink > 1 ? links.get(key) : undefined;
  if (first !== undefined) return entry(archive, { ...header, type: 'link', linkname: first });
  if (info.nlink > 1) links.set(key, path);
  await pipeline(createReadStream(full), archive.entry({ ...header, type: 'file', size: info.size }));
}

function entry(archive: Pack, header: Header): Promise<void> {
  return new Promise((resolve, reject) => {
    // An empty body, not none: without one tar-stream waits for a file entry's data stream.
    archive.entry(header, Buffer.alloc(0), (error?: Error | null) => (error ? reject(error) : resolve()));
  });
}

function headerOf(name: string, info: Stats): Header {
  return { name, mode: info.mode & 0o7777, uid: info.uid, gid: info.gid, mtime: info.mtime, size: 0, type: 'file', linkname: '', uname: '', gname: '', devmajor: 0, devminor: 0 };
}
