/**
 * Applies tar entries to one layer directory, confined to it: every parent of an entry is checked to be
 * a real directory (never a symlink, whether the archive made it or not), files are created with
 * O_EXCL|O_NOFOLLOW after removing what was there, and hard links must point inside the layer. Device
 * nodes follow the policy: skipped (counted) or refused. Directory mtimes are set last, at `finish()`.
 */
import { constants } from 'node:fs';
import { chmod, lchown, link, lstat, lutimes, mkdir, open, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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
    await this.ensureParents(header.name, parent);
    if (white?.kind === 'opaque') return markOpaque(this.path(parent));
    if (white?.kind === 'whiteout') {
      if (['', '.', '..'].includes(white.name)) throw escapeError(header.name, 'is a whiteout of its own or a parent directory');
      const hidden = [...parent, white.name];
      await this.clear(hidden.join('/'), false);
      return writeWhiteout(this.path(hidden));
    }
    await this.create(header, parts, data);
  }

  /** Sets directory mtimes, deepest first, once their contents are written. */
  async finish(): Promise<void> {
    for (const [path, mtime] of this.dirTimes.reverse()) {
      await lutimes(path, mtime, mtime).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
  }

  private async create(header: PaxHeaders, parts: string[], data: Readable): Promise<void> {
    const rel = parts.join('/');
    const path = this.path(parts);
    switch (header.type) {
      case 'file': case 'contiguous-file':
        await this.clear(rel, false);
        await pipeline(data, (await open(path, CREATE, 0o600)).createWriteStream({ highWaterMark: 1 << 20 }));
        break;
      case 'directory':
        if (!(await this.clear(rel, true))) await mkdir(path, { mode: 0o700 });
        this.dirs.add(rel);
        break;
      case 'symlink':
        await this.clear(rel, false);
        await symlink(header.linkname ?? '', path);
        break;
      case 'link':
        return this.hardLink(header, rel, path);
      case 'character-device': case 'block-device':
        if (this.options.devices === 'refuse') throw deviceError(header.name);
        this.stats.skippedDevices += 1;
        return;
      case 'fifo':
        await this.clear(rel, false);
        mknod(path, 'fifo', 0o600);
        break;
      default:
        return;
    }
    await this.metadata(path, header);
  }

  private async hardLink(header: Headers, rel: string, path: string): Promise<void> {
    const target = linkTargetComponents(header.name, header.linkname ?? '');
    await this.ensureParents(header.name, target.slice(0, -1), false);
    const info = await lstat(this.path(target)).catch(() => undefined);
    if (info === undefined || info.isDirectory()) throw escapeError(header.name, `is a hard link to '${header.linkname}', which is not a file of this layer`);
    if (target.join('/') === rel) return;
    await this.clear(rel, false);
    await link(this.path(target), path);
  }

  private async metadata(path: string, header: PaxHeaders): Promise<void> {
    const isLink = header.type === 'symlink';
    if (this.options.owners) await lchown(path, header.uid ?? 0, header.gid ?? 0);
    if (!isLink) await chmod(path, (header.mode ?? 0o644) & 0o7777);
    for (const [key, value] of Object.entries((header.pax ?? {}) as Record<string, string>)) {
      if (key.startsWith('SCHILY.xattr.')) lsetxattr(path, key.slice('SCHILY.xattr.'.length), Buffer.from(value, 'latin1'));
    }
    const mtime = header.mtime ?? new Date(0);
    if (header.type === 'directory') this.dirTimes.push([path, mtime]);
    else await lutimes(path, mtime, mtime);
  }

  /** Makes (or, with create=false, only checks) each parent, refusing any that is not a real directory. */
  private async ensureParents(entry: string, parent: string[], create = true): Promise<void> {
    for (let i = 1; i <= parent.length; i += 1) {
      const rel = parent.slice(0, i).join('/');
      if (this.dirs.has(rel)) continue;
      const info = await lstat(join(this.root, rel)).catch(() => undefined);
      if (info === undefined && create) await mkdir(join(this.root, rel), { mode: 0o755 });
      else if (info === undefined) throw escapeError(entry, `needs '${rel}', which is not in this layer`);
      else if (info.isSymbolicLink()) throw escapeError(entry, `goes through the symlink '${rel}'`);
      else if (!info.isDirectory()) throw escapeError(entry, `goes through '${rel}', which is not a directory`);
      this.dirs.add(rel);
    }
  }

  /** Removes whatever is at `rel` (keeping a directory when asked); returns whether a directory was kept. */
  private async clear(rel: string, keepDir: boolean): Promise<boolean> {
    const info = await lstat(join(this.root, rel)).catch(() => undefined);
    if (info === undefined) return false;
    if (keepDir && info.isDirectory()) return true;
    await rm(join(this.root, rel), { recursive: true, force: true });
    for (const dir of this.dirs) if (dir === rel || dir.startsWith(`${rel}/`)) this.dirs.delete(dir);
    return false;
  }

  private path(parts: string[]): string {
    return join(this.root, ...parts);
  }
}

function deviceError(entry: string): BerthError {
  return new BerthError('invalid', 'image.layer-device', `layer entry '${entry}' is a device node, which this policy refuses`, {
    hint: 'unpack with the device policy "skip" to leave device nodes out, or use an image without them',
  });
}
