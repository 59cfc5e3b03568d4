import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decompressor } from './decompress.js';

async function run(chunks: Buffer[], slowReader = false): Promise<Buffer> {
  const out: Buffer[] = [];
  const sink = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _e, cb) { out.push(chunk); if (slowReader) setImmediate(cb); else cb(); },
  });
  await pipeline(Readable.from(chunks), decompressor(), sink);
  return Buffer.concat(out);
}

const split = (data: Buffer, size: number): Buffer[] =>
  Array.from({ length: Math.ceil(data.length / size) }, (_, i) => data.subarray(i * size, (i + 1) * size));

describe('decompressor', () => {
  it('gunzips data split anywhere, magic bytes included, for a slow reader', async () => {
    const plain = Buffer.concat([randomBytes(200_000), Buffer.alloc(2_000_000, 'a')]);
    const gz = gzipSync(plain);
    const out = await run([gz.subarray(0, 1), gz.subarray(1, 3), ...split(gz.subarray(3), 4096)], true);
    expect(out.equals(plain)).toBe(true);
  });

  it('passes plain data and inputs shorter than a magic number through', async () => {
    expect((await run([Buffer.from('ustar data')])).toString()).toBe('ustar data');
    expect((await run([Buffer.from('ab')])).toString()).toBe('ab');
    expect((await run([])).length).toBe(0);
  });

  it('fails on damaged gzip data', async () => {
    const damaged = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), randomBytes(1000)]);
    await expect(run([damaged])).rejects.toThrow();
  });
});
