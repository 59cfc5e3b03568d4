/**
 * A pass-through that fails a stream which ends before (or runs past) its announced size, so a truncated
 * blob is named as such instead of surfacing as a digest mismatch.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { BerthError } from '../../errors/index.js';

/** Passes bytes through, failing at the end unless exactly `size` went by. */
export function sizeCheck(size: number, what: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > size) callback(sizeError(what, `is longer than its announced ${size} bytes`));
      else callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      callback(seen === size ? null : sizeError(what, `is truncated: got ${seen} of ${size} bytes`));
    },
  });
}

function sizeError(what: string, why: string): BerthError {
  return new BerthError('system', 'image.blob-truncated', `${what} ${why}`, {
    hint: 'the transfer was cut short or the source is damaged; nothing was stored: try again',
  });
}
