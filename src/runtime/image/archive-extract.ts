/**
 * Unpacks an image archive (docker save or OCI archive, possibly compressed) into a staging directory
 * through the same confined writer as layers, so a hostile archive cannot write outside it either.
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { extract as tarExtract } from 'tar-stream';
import type { Readable } from 'node:stream';
import { BerthError } from '../../errors/index.js';
import { decompressor } from './decompress.js';
import { LayerWriter } from './layer-writer.js';

/** Extracts the archive at `file` into the existing empty directory `dir`. */
export async function extractArchive(file: string, dir: string): Promise<void> {
  const writer = new LayerWriter(dir, { devices: 'refuse', owners: false });
  const extract = tarExtract();
  extract.on('entry', (header, stream, next) => {
    writer.apply(header, stream as unknown as Readable).then(() => next(), (error: unknown) => next(error as Error));
  });
  try {
    await pipeline(createReadStream(file), decompressor(), extract);
  } catch (error) {
    if (error instanceof BerthError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new BerthError('not-found', 'image.archive-missing', `image archive '${file}' does not exist`, { hint: 'check the path given to -i' });
    }
    if (code !== undefined) throw error;
    throw new BerthError('invalid', 'image.archive-invalid', `'${file}' is not a readable image archive: ${(error as Error).message}`, {
      hint: 'give a file made by docker save or an OCI archive (tar, optionally compressed)', cause: error,
    });
  }
}
