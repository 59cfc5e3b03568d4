/**
 * The client of the native helper (native/PROTOCOL.md): spawns native/build/berth-helper with the
 * config on fd 3 and the sync fd on fd 4, streams its JSON-line events to the caller, and turns an
 * `error` event into a BerthError naming the container, step and errno. Node never forks the container.
 * An abortable exec also gets the lifeline on fd 5: closing it makes the helper SIGKILL the process.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { BerthError } from '../errors/index.js';
import { encodeRecords, type HelperRecord } from './helper-records.js';
import { helperCrashed, helperError } from './helper-errors.js';
import { installRoot } from './install-root.js';

/** One event the helper wrote on the sync fd. */
export interface HelperEvent {
  v: number;
  event: 'started' | 'error' | 'exited';
  pid?: number;
  monitor?: number;
  step?: string;
  errno?: number;
  message?: string;
  code?: number;
  signal?: number;
  oomKilled?: boolean;
}

export interface HelperOptions {
  /** Container id, for messages. */
  id: string;
  mode: 'run' | 'exec';
  records: readonly HelperRecord[];
  /** The caller's stdio passed to the helper (and through it to the container), /dev/null, or pipes (stdin /dev/null, output to onOutput). */
  stdio: 'inherit' | 'ignore' | 'pipe';
  /** Extra environment for the helper itself (e.g. BERTH_FAULT). */
  env?: NodeJS.ProcessEnv | undefined;
  /** Called with `started` as soon as it arrives (before the helper ends in sync_keep mode). */
  onStarted?: ((event: HelperEvent) => void) | undefined;
  /** With stdio `pipe`: every chunk of the process's stdout and stderr, as it comes. */
  onOutput?: ((stream: 'stdout' | 'stderr', chunk: Buffer) => void) | undefined;
  /** `exec` only: aborting cuts the lifeline, and the helper SIGKILLs the exec'd process group. */
  signal?: AbortSignal | undefined;
}

// How long output pipes may stay open after the helper exits (a background process can hold them).
const OUTPUT_GRACE_MS = 100;
// How long an aborted helper gets to kill and reap its process before it is killed itself.
const ABORT_GRACE_MS = 2000;

/** What the helper said: `started` (when it got that far) and `exited` (sync_keep and exec). */
export interface HelperResult {
  started: HelperEvent | undefined;
  exited: HelperEvent | undefined;
  exitCode: number | null;
}

/** The path of the built helper; a precondition error when it was not built. */
export function helperPath(): string {
  const path = join(installRoot(), 'native', 'build', 'berth-helper');
  if (!existsSync(path)) {
    throw new BerthError('precondition', 'runtime.helper-missing', `the native helper ${path} is not built`, {
      hint: 'run `npm run build` (it needs a C compiler: scripts/install-system-deps.sh installs one)',
    });
  }
  return path;
}

/** Runs the helper to the end of its sync stream; rejects with a BerthError on an `error` event. */
export function runHelper(options: HelperOptions): Promise<HelperResult> {
  const child = spawn(helperPath(), [options.mode], { stdio: helperStdio(options), env: { ...process.env, ...options.env } });
  const records = options.signal === undefined ? options.records : [...options.records, ['lifeline'] as const];
  (child.stdio[3] as Writable).end(encodeRecords(records));
  const output = options.stdio === 'pipe' ? pipeOutput(child, options.onOutput) : undefined;
  const releaseLifeline = options.signal === undefined ? undefined : holdLifeline(child, options.signal);
  const events: HelperEvent[] = [];
  let buffered = '';
  const sync = child.stdio[4] as Readable;
  sync.setEncoding('utf8');
  sync.on('data', (chunk: string) => {
    buffered += chunk;
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const event = JSON.parse(buffered.slice(0, nl)) as HelperEvent;
      buffered = buffered.slice(nl + 1);
      events.push(event);
      if (event.event === 'started') options.onStarted?.(event);
    }
  });
  const ended = new Promise<void>((resolve) => sync.on('close', resolve));
  const exited = new Promise<[number | null, string | null]>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve([code, signal]));
  });
  return Promise.all([ended, exited]).finally(() => releaseLifeline?.()).then(async ([, [code, signal]]) => {
    await output?.drain();
    const error = events.find((e) => e.event === 'error');
    if (error !== undefined) {
      throw helperError(options.id, { step: error.step ?? '?', errno: error.errno ?? 0, message: error.message ?? '' });
    }
    const started = events.find((e) => e.event === 'started');
    if (started === undefined) throw helperCrashed(options.id, code, signal);
    return { started, exited: events.find((e) => e.event === 'exited'), exitCode: code };
  });
}

function helperStdio(options: HelperOptions): StdioOptions {
  const io = options.stdio === 'inherit' ? 'inherit' : 'ignore';
  const out = options.stdio === 'pipe' ? 'pipe' : io;
  return [io, out, out, 'pipe', 'pipe', ...(options.signal === undefined ? [] : ['pipe' as const])];
}

/** Feeds the helper's stdout and stderr to `onOutput`; drain() waits for their end, at most OUTPUT_GRACE_MS. */
function pipeOutput(child: ChildProcess, onOutput: HelperOptions['onOutput']): { drain(): Promise<void> } {
  const streams = [['stdout', child.stdout], ['stderr', child.stderr]] as const;
  const closed = streams.map(([name, stream]) => new Promise<void>((resolve) => {
    stream?.on('data', (chunk: Buffer) => onOutput?.(name, chunk));
    stream?.on('close', resolve);
  }));
  return {
    drain: async () => {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(closed), new Promise((resolve) => { timer = setTimeout(resolve, OUTPUT_GRACE_MS); })]);
      clearTimeout(timer);
      for (const [, stream] of streams) stream?.destroy();
    },
  };
}

/** Closes fd 5 when `signal` aborts, then kills a helper that outlives ABORT_GRACE_MS; returns the release. */
function holdLifeline(child: ChildProcess, signal: AbortSignal): () => void {
  const line = (child.stdio as readonly unknown[])[5] as Readable;
  line.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  const cut = (): void => {
    line.destroy();
    timer = setTimeout(() => child.kill('SIGKILL'), ABORT_GRACE_MS);
  };
  if (signal.aborted) cut();
  else signal.addEventListener('abort', cut, { once: true });
  return () => {
    signal.removeEventListener('abort', cut);
    clearTimeout(timer);
    line.destroy();
  };
}
