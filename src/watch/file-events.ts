/**
 * The chokidar adapter: watches the rule roots and reports each change as a FileEvent with an absolute
 * path. Tuned for latency and editors: no awaitWriteFinish (the debounce absorbs partial writes), chokidar's
 * own atomic-save delay off (delete-and-recreate and rename-over collapse in the batch instead), symlinks
 * not followed (a link out of the project never widens the watch). Inotify exhaustion arrives through
 * `onError` as a BerthError naming the sysctl to raise.
 */
import { watch, type FSWatcher } from 'chokidar';
import type { BerthError } from '../errors/index.js';
import type { FileEvent, FileEventKind } from './file-event.js';
import { watcherError } from './inotify-limit-error.js';

/** What to watch and where to report. */
export interface FileWatchOptions {
  roots: readonly string[];
  /** Paths the watcher may skip (not watched, no events); `isDir` undefined when not known yet. */
  ignores?: ((path: string, isDir: boolean | undefined) => boolean) | undefined;
  onEvent(event: FileEvent): void;
  onError(error: BerthError): void;
}

/** A running watcher; `existing` lists what was under the roots at start, as `add`/`addDir` events. */
export interface FileWatch {
  existing: FileEvent[];
  close(): Promise<void>;
}

const KINDS = new Set<string>(['add', 'change', 'unlink', 'addDir', 'unlinkDir']);

/** Starts watching; resolves once the initial scan is done and every directory is watched. */
export async function watchFiles(options: FileWatchOptions): Promise<FileWatch> {
  const existing: FileEvent[] = [];
  let ready = false;
  const ignores = options.ignores;
  const watcher = watch([...options.roots], {
    persistent: true,
    ignoreInitial: false,
    followSymlinks: false,
    awaitWriteFinish: false,
    atomic: false,
    ignorePermissionErrors: true,
    ...(ignores ? { ignored: (path: string, stats?: { isDirectory(): boolean }) => ignores(path, stats?.isDirectory()) } : {}),
  });
  watcher.on('all', (kind, path) => {
    if (!KINDS.has(kind)) return;
    const event = { path, kind: kind as FileEventKind };
    if (ready) options.onEvent(event);
    else existing.push(event);
  });
  await whenReady(watcher, options);
  ready = true;
  return { existing, close: () => watcher.close() };
}

function whenReady(watcher: FSWatcher, options: FileWatchOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    let started = false;
    watcher.on('error', (error) => {
      const converted = watcherError(error, options.roots);
      if (started) options.onError(converted);
      else void watcher.close().finally(() => reject(converted));
    });
    watcher.once('ready', () => {
      started = true;
      resolve();
    });
  });
}
