/**
 * A duplex from the raw bytes of a layer (gzip, zstd or plain tar) to the plain tar, with both digests,
 * the work done by the layer worker. Raw chunks go over in batches of about 1 MiB (messages cost more
 * than copies); chunks of a source that hands them over are moved rather than copied. Backpressure runs
 * both ways: at most a few batches are in the worker unacknowledged, and the worker's decompressor is
 * paused while the reader of the tar is full.
 */
import { Duplex } from 'node:stream';
import { BerthError } from '../../errors/index.js';
import { LayerJob, type WorkerEvent } from './layer-worker.js';

const WINDOW = 4;
const BATCH = 1 << 20;

/** The digests of a finished layer stream. */
export interface LayerDigests {
  /** sha256 of the raw bytes. */
  digest: string;
  /** sha256 of the plain tar (the digest again for an uncompressed layer). */
  diffId: string;
}

export class LayerDigester extends Duplex {
  /** Raw bytes written so far. */
  bytes = 0;
  private readonly job: LayerJob;
  private inFlight = 0;
  private waiting: (() => void) | undefined;
  private finishing: ((error?: Error | null) => void) | undefined;
  private paused = false;
  private deferredAcks = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private result: LayerDigests | undefined;

  /** `moveChunks`: the writer never touches a chunk again, so its memory may be moved to the worker. */
  constructor(private readonly onBytes?: (bytes: number) => void, private readonly moveChunks = false) {
    super({ readableHighWaterMark: 1 << 20 });
    this.job = new LayerJob((event) => this.onEvent(event));
  }

  /** The digests (once the readable side has ended). */
  digests(): LayerDigests {
    if (this.result === undefined) {
      throw new BerthError('internal', 'image.layer-unfinished', 'the digests of a layer were asked for before its stream ended', {
        hint: 'this is a bug in berth: please report it',
      });
    }
    return this.result;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.bytes += chunk.length;
    this.onBytes?.(this.bytes);
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes < BATCH) return callback();
    this.sendBatch(callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.sendBatch(() => {
      this.finishing = callback;
      this.job.control('end');
    });
  }

  /** Sends what is pending as one message; `then` runs once the window has room. */
  private sendBatch(then: () => void): void {
    if (this.pendingBytes > 0) {
      this.job.send(this.pending, this.moveChunks);
      this.pending = [];
      this.pendingBytes = 0;
      this.inFlight += 1;
    }
    if (this.inFlight < WINDOW) then();
    else this.waiting = then;
  }

  override _read(): void {
    for (; this.deferredAcks > 0; this.deferredAcks -= 1) this.ack();
    if (!this.paused) return;
    this.paused = false;
    this.job.control('resume');
  }

  override _destroy(error: Error | null, callback: (error: Error | null) => void): void {
    if (this.result === undefined) this.job.control('abort');
    this.job.close();
    callback(error);
  }

  private onEvent(event: WorkerEvent): void {
    if (event.type === 'error') return void this.destroy(new Error(event.message));
    if (event.type === 'done') {
      this.result = { digest: `sha256:${event.digest}`, diffId: `sha256:${event.diffId}` };
      this.push(null);
      this.finishing?.();
      return;
    }
    if (event.type === 'ack') return this.ack();
    const full = !this.push(Buffer.from(event.data.buffer, event.data.byteOffset, event.data.byteLength));
    if (full && !this.paused) {
      this.paused = true;
      this.job.control('pause');
    }
    // Plain layers come back with their ack: held while the reader is full, so the input waits too.
    if (event.ack === true && full) this.deferredAcks += 1;
    else if (event.ack === true) this.ack();
  }

  private ack(): void {
    this.inFlight -= 1;
    const wake = this.waiting;
    this.waiting = undefined;
    wake?.();
  }
}
