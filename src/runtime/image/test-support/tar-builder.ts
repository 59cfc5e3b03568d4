/**
 * Test support: builds tar archives in memory from a list of entries (tar-stream's pack), so tests make
 * exactly the layers they need, malicious ones included.
 */
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { pack, type Header } from 'tar-stream';

/** One entry: a tar header plus its content for files. */
export type TarEntry = Partial<Header> & { name: string; content?: string | Buffer; pax?: Record<string, string> };

/** The tar bytes of `entries` (directories default to 0755, files to 0644, mtime 2020-01-01). */
export async function buildTar(entries: TarEntry[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: unknown) => { chunks.push(chunk as Buffer); });
  const done = new Promise<void>((resolve, reject) => { archive.on('end', () => resolve()); archive.on('error', reject); });
  for (const { content, ...header } of entries) {
    const type = header.type ?? 'file';
    const body = content === undefined && type !== 'file' ? undefined : Buffer.from(content ?? '');
    const full = { mode: type === 'directory' ? 0o755 : 0o644, mtime: new Date('2020-01-01T00:00:00Z'), uid: 0, gid: 0, ...header, type };
    await new Promise<void>((resolve, reject) => {
      const callback = (error?: Error | null): void => (error ? reject(error) : resolve());
      if (body === undefined) archive.entry(full as Header, callback);
      else archive.entry(full as Header, body, callback);
    });
  }
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** The gzip-compressed tar of `entries`. */
export async function buildTarGz(entries: TarEntry[]): Promise<Buffer> {
  return gzipSync(await buildTar(entries));
}

/** `data` compressed with the zstd CLI (fzstd only decompresses); fails clearly when zstd is missing. */
export function zstdCompress(data: Buffer): Buffer {
  try {
    return execFileSync('zstd', ['-q', '-c', '-3'], { input: data, maxBuffer: 1 << 30 });
  } catch (error) {
    throw new Error(`cannot compress with the zstd CLI (run scripts/install-system-deps.sh): ${String(error)}`);
  }
}
