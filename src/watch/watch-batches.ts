/**
 * The running watch loop, minus what to do with a batch: watches the roots of a WatchSetup, feeds the
 * events through the Debouncer on the real clock and hands each collapsed batch to `onBatch`, one at a time.
 * A failing handler is reported through `onError` and the loop goes on.
 */
import { asBerthError, type BerthError } from '../errors/index.js';
import { Debouncer, type DebounceOptions } from './debounce.js';
import type { FileEvent } from './file-event.js';
import { watchFiles } from './file-events.js';
import { realScheduler } from './real-scheduler.js';
import type { Scheduler } from './scheduler.js';
import type { WatchSetup } from './watch-setup.js';

/** The handlers of a watch loop. */
export interface WatchBatchOptions {
  debounce: DebounceOptions;
  onBatch(events: FileEvent[]): void | Promise<void>;
  onError(error: BerthError): void;
  scheduler?: Scheduler | undefined;
}

/** A running loop; `existing` is what the initial scan found (for planInitialSync). */
export interface WatchLoop {
  existing: FileEvent[];
  /** Stops watching; a batch being handled finishes, waiting events are dropped. */
  close(): Promise<void>;
}

/** Starts the loop over `setup.roots`; resolves once every directory is watched. */
export async function watchBatches(setup: WatchSetup, options: WatchBatchOptions): Promise<WatchLoop> {
  const handle = async (events: FileEvent[]): Promise<void> => {
    try {
      await options.onBatch(events);
    } catch (error) {
      options.onError(asBerthError(error));
    }
  };
  const debouncer = new Debouncer(options.scheduler ?? realScheduler, handle, options.debounce);
  const files = await watchFiles({
    roots: setup.roots,
    ignores: setup.ignores,
    onEvent: (event) => debouncer.push(event),
    onError: options.onError,
  });
  return {
    existing: files.existing,
    close: async () => {
      await files.close();
      debouncer.cancel();
    },
  };
}
