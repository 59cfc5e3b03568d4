/**
 * Streamed decompression of archive files (`berth load` of a compressed docker save or OCI archive),
 * chosen by the data's magic bytes (gzip, zstd) so file names need not be trusted; anything else passes
 * through as an uncompressed tar. (Layers are decompressed by the layer worker instead.) One transform
 * feeds the chosen decompressor directly (no extra stream hops), pausing it while the reader is full, so
 * a small compressed chunk can never balloon in memory.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress as ZstdDecompress } from 'fzstd';

const GZIP = [0x1f, 0x8b];
const ZSTD = [0x28, 0xb5, 0x2f, 0xfd];

type Compression = 'gzip' | 'zstd' | 'none';

/** A transform that takes gzip, zstd or plain bytes and yields the plain bytes. */
export function decompressor(): Transform {
  return new AutoDecompress();
}

class AutoDecompress extends Transform {
  private head: Buffer | undefined = Buffer.alloc(0);
  private inner: Transform | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.head === undefined) return this.feed(chunk, callback);
    this.head = Buffer.concat([this.head, chunk]);
    if (this.head.length < ZSTD.length) return callback();
    this.feed(this.begin(), callback);
  }

  override _flush(callback: TransformCallback): void {
    const finish = (): void => {
      if (this.inner === undefined) return callback();
      this.inner.once('end', () => callback());
      this.inner.end();
    };
    if (this.head === undefined || this.head.length === 0) return finish();
    this.feed(this.begin(), (error) => (error ? callback(error) : finish()));
  }

  override _read(size: number): void {
    this.inner?.resume();
    super._read(size);
  }

  /** Picks the decompressor from the first bytes and returns them, to be fed to it. */
  private begin(): Buffer {
    const head = this.head ?? Buffer.alloc(0);
    this.head = undefined;
    const kind: Compression = startsWith(head, GZIP) ? 'gzip' : startsWith(head, ZSTD) ? 'zstd' : 'none';
    if (kind === 'none') return head;
    const inner = kind === 'gzip' ? createGunzip({ chunkSize: 256 * 1024 }) : new ZstdTransform();
    inner.on('data', (data: Buffer) => { if (!this.push(data)) inner.pause(); });
    inner.on('error', (error: Error) => this.destroy(error));
    this.inner = inner;
    return head;
  }

  private feed(data: Buffer, callback: TransformCallback): void {
    if (this.inner === undefined) {
      this.push(data);
      return callback();
    }
    if (this.inner.write(data)) callback();
    else this.inner.once('drain', () => callback());
  }
}

/** fzstd as a transform (it has no streaming compressor, only this decompressor). */
class ZstdTransform extends Transform {
  private readonly zstd = new ZstdDecompress((data) => { this.push(Buffer.from(data)); });

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.zstd.push(chunk);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.zstd.push(new Uint8Array(0), true);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }
}

function startsWith(data: Buffer, magic: number[]): boolean {
  return data.length >= magic.length && magic.every((b, i) => data[i] === b);
}
