/** The Scheduler of the running process: `performance.now` and `setTimeout`; used by the file watcher. */
import type { Scheduler } from './scheduler.js';

/** The scheduler of the running process. */
export const realScheduler: Scheduler = {
  now: () => performance.now(),
  setTimer: (delayMs, callback) => setTimeout(callback, delayMs),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
