/**
 * Streamed decompression of layer data, chosen by the data's magic bytes (gzip, zstd) so media types and
 * file names need not be trusted; anything else passes through as an uncompressed tar.
 */
import { Duplex, PassThrough, pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress as ZstdDecompress } from 'fzstd';

const GZIP = [0x1f, 0x8b];
const ZSTD = [0x28, 0xb5, 0x2f, 0xfd];

/** A duplex that takes gzip, zstd or plain bytes and yields the plain bytes. */
export function decompressor(): Duplex {
  return Duplex.from(async function* (source: AsyncIterable<Buffer>) {
    const it = source[Symbol.asyncIterator]();
    let head = Buffer.alloc(0);
    while (head.length < 4) {
      const next = await it.next();
      if (next.done === true) break;
      head = Buffer.concat([head, next.value]);
    }
    const rest = { [Symbol.asyncIterator]: () => it };
    if (startsWith(head, GZIP)) yield* gunzip(head, rest);
    else if (startsWith(head, ZSTD)) yield* unzstd(head, rest);
    else {
      if (head.length > 0) yield head;
      yield* rest;
    }
  });
}

function startsWith(data: Buffer, magic: number[]): boolean {
  return data.length >= magic.length && magic.every((b, i) => data[i] === b);
}

async function* gunzip(head: Buffer, rest: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const input = new PassThrough();
  const output = pipeline(input, createGunzip({ chunkSize: 256 * 1024 }), () => undefined);
  const feed = (async () => {
    input.write(head);
    for await (const chunk of rest) if (!input.write(chunk)) await new Promise((r) => input.once('drain', r));
    input.end();
  })().catch((error: unknown) => input.destroy(error as Error));
  yield* output as Readable & AsyncIterable<Buffer>;
  await feed;
}

async function* unzstd(head: Buffer, rest: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let out: Buffer[] = [];
  const zstd = new ZstdDecompress((data) => { out.push(Buffer.from(data)); });
  const drain = (): Buffer[] => { const ready = out; out = []; return ready; };
  zstd.push(head);
  yield* drain();
  for await (const chunk of rest) {
    zstd.push(chunk);
    yield* drain();
  }
  zstd.push(new Uint8Array(0), true);
  yield* drain();
}
