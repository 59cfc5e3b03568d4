/**
 * Streams one layer (gzip, zstd or plain tar) into a directory in a single pass: the layer worker hashes
 * the raw bytes (the blob digest), decompresses and hashes the tar (the diff id; a plain tar is hashed
 * once, its digest being its diff id) while this thread parses the tar and writes the files. The caller
 * owns the directory and removes it when unpacking fails.
 */
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract as tarExtract } from 'tar-stream';
import { LayerDigester } from './layer-digester.js';
import { LayerWriter, type DevicePolicy, type UnpackStats } from './layer-writer.js';

export interface UnpackOptions {
  devices?: DevicePolicy;
  /** Called with the raw bytes read so far. */
  onBytes?: (bytes: number) => void;
  /** The source's chunks are used by nobody else (a network stream), so they may be moved, not copied. */
  moveChunks?: boolean;
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
  const digester = new LayerDigester(options.onBytes, options.moveChunks === true);
  const extract = tarExtract();
  extract.on('entry', (header, stream, next) => {
    writer.apply(header, stream as unknown as Readable).then(() => next(), (error: unknown) => next(error as Error));
  });
  await pipeline(source, digester, extract);
  writer.finish();
  return { ...digester.digests(), size: digester.bytes, ...writer.stats };
}
