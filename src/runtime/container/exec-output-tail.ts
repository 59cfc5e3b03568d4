/**
 * The end of a stream of output chunks, bounded in memory: at most `max` bytes are kept once the chunks
 * are joined, as Docker keeps the end of a health probe's output. Text is cut at a UTF-8 character
 * boundary, so the tail never starts with half a character.
 */

/** Keeps the last `max` bytes of what is pushed. */
export class OutputTail {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly max: number) {}

  /** Adds a chunk, dropping whole old chunks no longer needed for the last `max` bytes. */
  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    for (let first = this.chunks[0]; first !== undefined && this.size - first.length >= this.max; first = this.chunks[0]) {
      this.chunks.shift();
      this.size -= first.length;
    }
  }

  /** The kept bytes as text, starting at a character boundary. */
  text(): string {
    const all = Buffer.concat(this.chunks);
    let start = Math.max(0, all.length - this.max);
    // UTF-8 continuation bytes are 10xxxxxx: skip them so the tail starts on a whole character.
    while (start > 0 && start < all.length && ((all[start] ?? 0) & 0xc0) === 0x80) start++;
    return all.subarray(start).toString('utf8');
  }
}
