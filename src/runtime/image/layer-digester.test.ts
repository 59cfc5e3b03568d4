import { createHash, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LayerDigester } from './layer-digester.js';

const sha = (data: Buffer): string => `sha256:${createHash('sha256').update(data).digest('hex')}`;
const split = (data: Buffer, size: number): Buffer[] =>
  Array.from({ length: Math.ceil(data.length / size) }, (_, i) => data.subarray(i * size, (i + 1) * size));

async function run(chunks: Buffer[], slowReader = false): Promise<{ out: Buffer; digester: LayerDigester }> {
  const digester = new LayerDigester();
  const out: Buffer[] = [];
  const sink = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _e, cb) { out.push(Buffer.from(chunk)); if (slowReader) setImmediate(cb); else cb(); },
  });
  await pipeline(Readable.from(chunks), digester, sink);
  return { out: Buffer.concat(out), digester };
}

describe('LayerDigester (the layer worker)', () => {
  it('gunzips and gives the blob digest and the diff id, for input split anywhere and a slow reader', async () => {
    const plain = Buffer.concat([randomBytes(300_000), Buffer.alloc(3_000_000, 'a')]);
    const gz = gzipSync(plain);
    const { out, digester } = await run([gz.subarray(0, 1), gz.subarray(1, 3), ...split(gz.subarray(3), 8192)], true);
    expect(out.equals(plain)).toBe(true);
    expect(digester.digests()).toEqual({ digest: sha(gz), diffId: sha(plain) });
    expect(digester.bytes).toBe(gz.length);
  });

  it('passes a plain tar through, hashed once, and handles tiny and empty input', async () => {
    const plain = randomBytes(2_000_000);
    const { out, digester } = await run(split(plain, 65536), true);
    expect(out.equals(plain)).toBe(true);
    expect(digester.digests()).toEqual({ digest: sha(plain), diffId: sha(plain) });
    expect((await run([Buffer.from('ab')])).out.toString()).toBe('ab');
    expect((await run([])).digester.digests().diffId).toBe(sha(Buffer.alloc(0)));
  });

  it('runs several layers at once without mixing them', async () => {
    const plains = [randomBytes(500_000), randomBytes(700_000), Buffer.from('x')];
    const results = await Promise.all(plains.map((p, i) => run(i === 1 ? split(p, 4096) : split(gzipSync(p), 4096))));
    results.forEach(({ out, digester }, i) => {
      expect(out.equals(plains[i]!)).toBe(true);
      expect(digester.digests().diffId).toBe(sha(plains[i]!));
    });
  });

  it('fails on damaged gzip data', async () => {
    await expect(run([Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), randomBytes(5000)])])).rejects.toThrow();
  });
});
