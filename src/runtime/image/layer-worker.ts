/**
 * The layer worker: one worker thread per process that, for any number of layer streams at once (jobs by
 * id), hashes the raw bytes (blob digest), recognises gzip/zstd/plain by magic bytes, decompresses, and
 * hashes the plain tar (diff id), sending the plain bytes back as transferred buffers. Each batch is fed to
 * the decompressor in one write (zlib's per-write cost is high for small writes). The main thread
 * keeps only the network, the tar parsing and the file writes. The worker is a source string using node
 * built-ins (and fzstd by resolved path), so it runs the same from src and dist; it is unref'd while idle.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { createGunzip } = require('node:zlib');
const { Transform } = require('node:stream');
const jobs = new Map();
const post = (id, type, extra, transfer) => parentPort.postMessage({ id, type, ...extra }, transfer);
function zstdStream() {
  const { Decompress } = require(workerData.fzstd);
  const t = new Transform({ transform(c, e, cb) { try { z.push(c); cb(); } catch (err) { cb(err); } },
    flush(cb) { try { z.push(new Uint8Array(0), true); cb(); } catch (err) { cb(err); } } });
  const z = new Decompress((d) => t.push(Buffer.from(d)));
  return t;
}
function begin(job) {
  const h = job.head;
  const gzip = h[0] === 0x1f && h[1] === 0x8b;
  const zstd = h[0] === 0x28 && h[1] === 0xb5 && h[2] === 0x2f && h[3] === 0xfd;
  job.head = undefined;
  if (!gzip && !zstd) return;
  job.plain = createHash('sha256');
  job.inner = gzip ? createGunzip({ chunkSize: 256 * 1024 }) : zstdStream();
  // A chunk spanning its whole buffer is one zlib has let go of (it starts a new one when one is full).
  job.inner.on('data', (d) => { job.plain.update(d); const c = owns(d) ? d : new Uint8Array(d); post(job.id, 'out', { data: c }, [c.buffer]); });
  job.inner.on('error', (err) => { jobs.delete(job.id); post(job.id, 'error', { message: err.message }); });
  job.inner.on('end', () => finish(job));
}
function feed(job, chunks) {
  const last = chunks.length - 1;
  if (job.inner === undefined) { chunks.forEach((c, i) => post(job.id, 'out', { data: c, ack: i === last }, [c.buffer])); return; }
  job.inner.write(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), () => post(job.id, 'ack'));
}
function owns(c) { return c.byteOffset === 0 && c.byteLength === c.buffer.byteLength; }
function finish(job) {
  jobs.delete(job.id);
  const digest = job.raw.digest('hex');
  post(job.id, 'done', { digest, diffId: job.plain === undefined ? digest : job.plain.digest('hex') });
}
parentPort.on('message', (m) => {
  let job = jobs.get(m.id);
  if (m.type === 'open') { jobs.set(m.id, { id: m.id, raw: createHash('sha256'), head: Buffer.alloc(0) }); return; }
  if (job === undefined) return;
  if (m.type === 'data') {
    for (const c of m.chunks) job.raw.update(c);
    if (job.head === undefined) return feed(job, m.chunks);
    job.head = Buffer.concat([job.head, ...m.chunks]);
    if (job.head.length < 4) return post(job.id, 'ack');
    const all = new Uint8Array(job.head);
    begin(job);
    return feed(job, [all]);
  }
  if (m.type === 'end') {
    if (job.head !== undefined) { const all = new Uint8Array(job.head); begin(job); if (all.length > 0) feed(job, [all]); }
    if (job.inner === undefined) finish(job); else job.inner.end();
  } else if (m.type === 'pause') job.inner?.pause();
  else if (m.type === 'resume') job.inner?.resume();
  else if (m.type === 'abort') { jobs.delete(m.id); job.inner?.destroy(); }
});
`;

/** What the worker sends about a job. */
export type WorkerEvent =
  | { type: 'ack' }
  | { type: 'out'; data: Uint8Array; ack?: boolean }
  | { type: 'done'; digest: string; diffId: string }
  | { type: 'error'; message: string };

let worker: Worker | undefined;
const listeners = new Map<number, (event: WorkerEvent) => void>();
let nextId = 1;

function theWorker(): Worker {
  if (worker !== undefined) return worker;
  const fzstd = createRequire(import.meta.url).resolve('fzstd');
  const created = new Worker(SOURCE, { eval: true, workerData: { fzstd } });
  created.on('message', (m: WorkerEvent & { id: number }) => listeners.get(m.id)?.(m));
  const fail = (message: string): void => {
    if (worker === created) worker = undefined;
    for (const listener of [...listeners.values()]) listener({ type: 'error', message });
  };
  created.on('error', (error) => fail(`the layer worker failed: ${error.message}`));
  created.on('exit', (code) => fail(`the layer worker exited (${code})`));
  worker = created;
  return created;
}

/** One layer stream in the worker; `listener` hears its events until `close`. */
export class LayerJob {
  private readonly id = nextId++;
  private readonly worker = theWorker();

  constructor(listener: (event: WorkerEvent) => void) {
    listeners.set(this.id, listener);
    this.worker.ref();
    this.worker.postMessage({ id: this.id, type: 'open' });
  }

  /**
   * Sends raw chunks as one message. With `move`, each chunk that owns all of its memory (a socket read
   * does) is transferred, detaching it, and the others copied; without, all are copied in one piece.
   */
  send(chunks: Buffer[], move: boolean): void {
    const sent = (move ? chunks : [Buffer.concat(chunks)]).map((chunk) => (owns(chunk) ? chunk : new Uint8Array(chunk)));
    this.worker.postMessage({ id: this.id, type: 'data', chunks: sent }, sent.map((chunk) => chunk.buffer as ArrayBuffer));
  }

  /** Ends the input, pauses or resumes the output, or drops the job. */
  control(type: 'end' | 'pause' | 'resume' | 'abort'): void {
    this.worker.postMessage({ id: this.id, type });
  }

  /** Forgets the job's listener (after done, an error or an abort). */
  close(): void {
    listeners.delete(this.id);
    if (listeners.size === 0) this.worker.unref();
  }
}

function owns(chunk: Uint8Array): boolean {
  return chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength && chunk.buffer instanceof ArrayBuffer;
}
