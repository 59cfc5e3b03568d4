/**
 * Applies tar entries to one layer directory, confined to it: every parent of an entry is checked to be
 * a real directory (never a symlink, whether the archive made it or not), files are created with
 * O_EXCL|O_NOFOLLOW after removing what was there, and hard links must point inside the layer. Device
 * nodes follow the policy: skipped (counted) or refused. Directory mtimes are set last, at `finish()`.
 * File-system calls are synchronous: the tar waits for each entry anyway, and a thread-pool hop per call
 * (seven per file) made layers of many small files crawl on a busy machine; page-cache writes are cheap.
 */
import { chmodSync, closeSync, constants, lchownSync, linkSync, lstatSync, lutimesSync, mkdirSync, openSync, rmSync, symlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Header as Headers } from 'tar-stream';
import { BerthError } from '../../errors/index.js';
import { mknod } from '../../sys/mknod.js';
import { lsetxattr } from '../../sys/xattr.js';
import { entryComponents, escapeError, linkTargetComponents } from './tar-path.js';
import { markOpaque, whiteoutOf, writeWhiteout } from './whiteouts.js';

/** What to do with block and character devices in a layer. */
export type DevicePolicy = 'skip' | 'refuse';

export interface LayerWriterOptions {
  devices: DevicePolicy;
  /** Apply owners (lchown); off when not root, where it would fail. */
  owners: boolean;
}

/** Counts reported after a layer is unpacked. */
export interface UnpackStats {
  entries: number;
  skippedDevices: number;
}

type PaxHeaders = Headers & { pax?: unknown };
const CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

export class LayerWriter {
  readonly stats: UnpackStats = { entries: 0, skippedDevices: 0 };
  private readonly dirs = new Set<string>(['']);
  private readonly dirTimes: Array<[string, Date]> = [];

  constructor(private readonly root: string, private readonly options: LayerWriterOptions) {}

  /** Applies one entry; `data` is its content stream, always consumed. */
  async apply(header: PaxHeaders, data: Readable): Promise<void> {
    const parts = entryComponents(header.name);
    const white = whiteoutOf(parts[parts.length - 1] ?? '');
    const isFile = header.type === 'file' || header.type === 'contiguous-file';
    if (!isFile || white !== undefined || parts.length === 0) data.resume();
    if (parts.length === 0) return;
    this.stats.entries += 1;
    const parent = parts.slice(0, -1);
    this.ensureParents(header.name, parent);
    if (white?.kind === 'opaque') return markOpaque(this.path(parent));
    if (white?.kind === 'whiteout') {
      if (['', '.', '..'].includes(white.name)) throw escapeError(header.name, 'is a whiteout of its own or a parent directory');
      const hidden = [...parent, white.name];
      this.clear(hidden.join('/'), false);
      return writeWhiteout(this.path(hidden));
    }
    await this.create(header, parts, data);
  }

  /** Sets directory mtimes, deepest first, once their contents are written. */
  finish(): void {
    for (const [path, mtime] of this.dirTimes.reverse()) {
      try {
        lutimesSync(path, mtime, mtime);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }

  private async create(header: PaxHeaders, parts: string[], data: Readable): Promise<void> {
    const rel = parts.join('/');
    const path = this.path(parts);
    switch (header.type) {
      case 'file': case 'contiguous-file':
        this.clear(rel, false);
        await writeContent(path, data);
        break;
      case 'directory':
        if (!this.clear(rel, true)) mkdirSync(path, { mode: 0o700 });
        this.dirs.add(rel);
        break;
      case 'symlink':
        this.clear(rel, false);
        symlinkSync(header.linkname ?? '', path);
        break;
      case 'link':
        return this.hardLink(header, rel, path);
      case 'character-device': case 'block-device':
        if (this.options.devices === 'refuse') throw deviceError(header.name);
        this.stats.skippedDevices += 1;
        return;
      case 'fifo':
        this.clear(rel, false);
        mknod(path, 'fifo', 0o600);
        break;
      default:
        return;
    }
    this.metadata(path, header);
  }

  private hardLink(header: Headers, rel: string, path: string): void {
    const target = linkTargetComponents(header.name, header.linkname ?? '');
    this.ensureParents(header.name, target.slice(0, -1), false);
    const info = lstatSync(this.path(target), { throwIfNoEntry: false });
    if (info === undefined || info.isDirectory()) throw escapeError(header.name, `is a hard link to '${header.linkname}', which is not a file of this layer`);
    if (target.join('/') === rel) return;
    this.clear(rel, false);
    linkSync(this.path(target), path);
  }

  private metadata(path: string, header: PaxHeaders): void {
    const isLink = header.type === 'symlink';
    if (this.options.owners) lchownSync(path, header.uid ?? 0, header.gid ?? 0);
    if (!isLink) chmodSync(path, (header.mode ?? 0o644) & 0o7777);
    for (const [key, value] of Object.entries((header.pax ?? {}) as Record<string, string>)) {
      if (key.startsWith('SCHILY.xattr.')) lsetxattr(path, key.slice('SCHILY.xattr.'.length), Buffer.from(value, 'latin1'));
    }
    const mtime = header.mtime ?? new Date(0);
    if (header.type === 'directory') this.dirTimes.push([path, mtime]);
    else lutimesSync(path, mtime, mtime);
  }

  /** Makes (or, with create=false, only checks) each parent, refusing any that is not a real directory. */
  private ensureParents(entry: string, parent: string[], create = true): void {
    for (let i = 1; i <= parent.length; i += 1) {
      const rel = parent.slice(0, i).join('/');
      if (this.dirs.has(rel)) continue;
      const info = lstatSync(join(this.root, rel), { throwIfNoEntry: false });
      if (info === undefined && create) mkdirSync(join(this.root, rel), { mode: 0o755 });
      else if (info === undefined) throw escapeError(entry, `needs '${rel}', which is not in this layer`);
      else if (info.isSymbolicLink()) throw escapeError(entry, `goes through the symlink '${rel}'`);
      else if (!info.isDirectory()) throw escapeError(entry, `goes through '${rel}', which is not a directory`);
      this.dirs.add(rel);
    }
  }

  /** Removes whatever is at `rel` (keeping a directory when asked); returns whether a directory was kept. */
  private clear(rel: string, keepDir: boolean): boolean {
    const info = lstatSync(join(this.root, rel), { throwIfNoEntry: false });
    if (info === undefined) return false;
    if (keepDir && info.isDirectory()) return true;
    rmSync(join(this.root, rel), { recursive: true, force: true });
    for (const dir of this.dirs) if (dir === rel || dir.startsWith(`${rel}/`)) this.dirs.delete(dir);
    return false;
  }

  private path(parts: string[]): string {
    return join(this.root, ...parts);
  }
}

/** Writes a file's content stream into a new file at `path`. */
async function writeContent(path: string, data: Readable): Promise<void> {
  const fd = openSync(path, CREATE, 0o600);
  try {
    data.on('data', (chunk: Buffer) => {
      try {
        for (let done = 0; done < chunk.length;) done += writeSync(fd, chunk, done);
      } catch (error) {
        data.destroy(error as Error);
      }
    });
    await finished(data);
  } finally {
    closeSync(fd);
  }
}

function deviceError(entry: string): BerthError {
  return new BerthError('invalid', 'image.layer-device', `layer entry '${entry}' is a device node, which this policy refuses`, {
    hint: 'unpack with the device policy "skip" to leave device nodes out, or use an image without them',
  });
}
