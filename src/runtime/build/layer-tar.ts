/**
 * A layer directory (a RUN step's overlay upper dir, or a COPY staging dir) streamed as an OCI layer
 * tar by the image store's directory tar, with the overlay's rules as hooks: whiteouts (0/0 character
 * devices) become `.wh.NAME` entries and opaque directories (trusted.overlay.opaque=y) get a
 * `.wh..wh..opq` entry, so the store recreates both when it unpacks. Mount points the runtime created
 * for its own files (empty /etc/hosts, /etc/resolv.conf, …) are left out.
 */
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Header } from 'tar-stream';
import { directoryTar, headerOf } from '../image/directory-tar.js';
import { lgetxattr } from '../../sys/xattr.js';

/** Files the runtime mounts over; an empty one in an upper dir is a mount point, not content. */
const RUNTIME_FILES = new Set(['etc/hosts', 'etc/resolv.conf', 'etc/hostname']);

/** A readable layer tar of everything under `root`, in sorted order. */
export function layerTar(root: string): Readable {
  return directoryTar(root, {
    replace: (path, info) => replaceEntry(path, info),
    markers: (path, info) => (lgetxattr(join(root, path), 'trusted.overlay.opaque')?.toString() === 'y' ? [{ ...headerOf(`${path}/.wh..wh..opq`, info), mode: 0o644 }] : []),
  });
}

function replaceEntry(path: string, info: Stats): Header | null | undefined {
  if (RUNTIME_FILES.has(path) && info.isFile() && info.size === 0) return null;
  if (!info.isCharacterDevice() || info.rdev !== 0) return undefined;
  const cut = path.lastIndexOf('/');
  return { ...headerOf(`${path.slice(0, cut + 1)}.wh.${path.slice(cut + 1)}`, info), mode: 0o644, uid: 0, gid: 0 };
}
