/**
 * The client of the native helper (native/PROTOCOL.md): spawns native/build/berth-helper with the
 * config on fd 3 and the sync fd on fd 4, streams its JSON-line events to the caller, and turns an
 * `error` event into a BerthError naming the container, step and errno. Node never forks the container.
 */
import { spawn } from 'node:child_process';
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
  /** The caller's stdio passed to the helper (and through it to the container), or /dev/null. */
  stdio: 'inherit' | 'ignore';
  /** Extra environment for the helper itself (e.g. BERTH_FAULT). */
  env?: NodeJS.ProcessEnv | undefined;
  /** Called with `started` as soon as it arrives (before the helper ends in sync_keep mode). */
  onStarted?: ((event: HelperEvent) => void) | undefined;
}

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
  const io = options.stdio === 'inherit' ? 'inherit' : 'ignore';
  const child = spawn(helperPath(), [options.mode], {
    stdio: [io, io, io, 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  (child.stdio[3] as Writable).end(encodeRecords(options.records));
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
  return Promise.all([ended, exited]).then(([, [code, signal]]) => {
    const error = events.find((e) => e.event === 'error');
    if (error !== undefined) {
      throw helperError(options.id, { step: error.step ?? '?', errno: error.errno ?? 0, message: error.message ?? '' });
    }
    const started = events.find((e) => e.event === 'started');
    if (started === undefined) throw helperCrashed(options.id, code, signal);
    return { started, exited: events.find((e) => e.event === 'exited'), exitCode: code };
  });
}
