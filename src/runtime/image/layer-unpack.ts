/**
 * Streams one layer (gzip, zstd or plain tar) into a directory in a single pass, hashing the raw bytes
 * (the blob digest) and the decompressed tar (the diff id) on the way. The caller owns the directory and
 * removes it when unpacking fails.
 */
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract as tarExtract } from 'tar-stream';
import { decompressor } from './decompress.js';
import { DigestStream } from './digest-stream.js';
import { LayerWriter, type DevicePolicy, type UnpackStats } from './layer-writer.js';

export interface UnpackOptions {
  devices?: DevicePolicy;
  /** Called with the raw bytes read so far. */
  onBytes?: (bytes: number) => void;
}

/** What a finished unpack measured. */
export interface UnpackResult extends UnpackStats {
  /** sha256 of the raw (possibly compressed) stream. */
  digest: string;
  /** sha256 of the uncompressed tar. */
  diffId: string;
  /** Raw bytes read. */
  size: number;
}

/** Unpacks `source` into `dir` (which must exist and be empty). */
export async function unpackLayer(source: Readable, dir: string, options: UnpackOptions = {}): Promise<UnpackResult> {
  const writer = new LayerWriter(dir, { devices: options.devices ?? 'skip', owners: process.getuid?.() === 0 });
  const raw = new DigestStream(options.onBytes);
  const plain = new DigestStream();
  const extract = tarExtract();
  extract.on('entry', (header, stream, next) => {
    writer.apply(header, stream as unknown as Readable).then(() => next(), (error: unknown) => next(error as Error));
  });
  await pipeline(source, raw, decompressor(), plain, extract);
  await writer.finish();
  return { digest: raw.digest(), diffId: plain.digest(), size: raw.bytes, ...writer.stats };
}
