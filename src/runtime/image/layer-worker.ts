/**
 * The layer worker: one worker thread per process that, for any number of layer streams at once (jobs by
 * id), hashes the raw bytes (blob digest), recognises gzip/zstd/plain by magic bytes, decompresses, and
 * hashes the plain tar (diff id), sending the plain bytes back as transferred buffers. The main thread
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
  job.inner.on('data', (d) => { const c = new Uint8Array(d); job.plain.update(c); post(job.id, 'out', { data: c }, [c.buffer]); });
  job.inner.on('error', (err) => { jobs.delete(job.id); post(job.id, 'error', { message: err.message }); });
  job.inner.on('end', () => finish(job));
}
function feed(job, data) {
  if (job.inner === undefined) { post(job.id, 'out', { data, ack: true }, [data.buffer]); return; }
  job.inner.write(data, () => post(job.id, 'ack'));
}
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
    job.raw.update(m.data);
    if (job.head === undefined) return feed(job, m.data);
    job.head = Buffer.concat([job.head, m.data]);
    if (job.head.length < 4) return post(job.id, 'ack');
    const all = new Uint8Array(job.head);
    begin(job);
    return feed(job, all);
  }
  if (m.type === 'end') {
    if (job.head !== undefined) { const all = new Uint8Array(job.head); begin(job); if (all.length > 0) feed(job, all); }
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
   * Sends raw bytes, transferring their memory when they own all of it (as a fresh concatenation does),
   * else as a copy: a chunk may share memory with the HTTP client's buffers and must not be detached.
   */
  send(chunk: Uint8Array): void {
    const owned = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength && chunk.buffer instanceof ArrayBuffer;
    const data = owned ? chunk : new Uint8Array(chunk);
    this.worker.postMessage({ id: this.id, type: 'data', data }, [data.buffer as ArrayBuffer]);
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
