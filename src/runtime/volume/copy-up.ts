/**
 * Docker's copy-up: when an empty volume is mounted where the image has a directory, the image's content
 * there is copied into the volume first: files, directories, symlinks, device and FIFO nodes, hard links,
 * modes, owners, times and the security.capability xattr; the volume's root takes the owner and mode of
 * the image's directory. As in Docker, any volume is populated this way (external ones too) unless the
 * mount says nocopy. The caller holds the volume's lock, so two containers never copy at once.
 */
import {
  chmodSync, copyFileSync, lchownSync, linkSync, lstatSync, lutimesSync, mkdirSync, readdirSync, readlinkSync, symlinkSync,
  type Stats,
} from 'node:fs';
import { mknod } from '../../sys/mknod.js';
import { lgetxattr, lsetxattr } from '../../sys/xattr.js';
import { lookupChild, mergedNames, resolveInImage } from './merged-view.js';

const CAPABILITY_XATTR = 'security.capability';

/** Copies the image content at `containerPath` into `volumeDir` if the volume is empty; returns whether it copied. */
export function populateVolume(lowers: readonly string[], containerPath: string, volumeDir: string): boolean {
  if (readdirSync(volumeDir).length > 0) return false;
  const source = resolveInImage(lowers, containerPath);
  if (source.kind !== 'dir') return false;
  copyDirContents(source.layers, volumeDir, new Map());
  const top = source.layers[0]!;
  applyMetadata(top, volumeDir, lstatSync(top));
  return true;
}

function copyDirContents(layers: readonly string[], dest: string, links: Map<string, string>): void {
  for (const name of mergedNames(layers)) {
    const entry = lookupChild(layers, name);
    const to = `${dest}/${name}`;
    if (entry.kind === 'dir') {
      mkdirSync(to);
      copyDirContents(entry.layers, to, links);
      applyMetadata(entry.layers[0]!, to, lstatSync(entry.layers[0]!));
    } else if (entry.kind === 'other') {
      copyEntry(entry.path, to, links);
    }
  }
}

function copyEntry(from: string, to: string, links: Map<string, string>): void {
  const stat = lstatSync(from);
  const key = `${stat.dev}:${stat.ino}`;
  const first = stat.nlink > 1 ? links.get(key) : undefined;
  if (first !== undefined) {
    linkSync(first, to);
    return;
  }
  if (stat.isFile()) copyFileSync(from, to);
  else if (stat.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
  else if (stat.isFIFO()) mknod(to, 'fifo', stat.mode);
  else if (stat.isCharacterDevice() || stat.isBlockDevice()) {
    const { major, minor } = deviceNumbers(stat.rdev);
    mknod(to, stat.isCharacterDevice() ? 'char' : 'block', stat.mode, major, minor);
  } else return;
  applyMetadata(from, to, stat);
  if (stat.nlink > 1 && !stat.isSymbolicLink()) links.set(key, to);
}

/** Owner, then mode (chown clears set-id bits), then file capabilities (chown clears those too), then times. */
function applyMetadata(from: string, to: string, stat: Stats): void {
  lchownSync(to, stat.uid, stat.gid);
  if (stat.isSymbolicLink()) {
    lutimesSync(to, stat.atime, stat.mtime);
    return;
  }
  chmodSync(to, stat.mode & 0o7777);
  if (stat.isFile()) copyCapabilities(from, to);
  lutimesSync(to, stat.atime, stat.mtime);
}

function copyCapabilities(from: string, to: string): void {
  try {
    const value = lgetxattr(from, CAPABILITY_XATTR);
    if (value !== undefined) lsetxattr(to, CAPABILITY_XATTR, value);
  } catch {
    // a filesystem without xattr support on either side: the file is copied without its capabilities
  }
}

/** glibc's major()/minor() of a 64-bit device number. */
function deviceNumbers(rdev: number): { major: number; minor: number } {
  const r = BigInt(rdev);
  return {
    major: Number(((r >> 8n) & 0xfffn) | ((r >> 32n) & ~0xfffn)),
    minor: Number((r & 0xffn) | ((r >> 12n) & ~0xffn)),
  };
}
