/**
 * The clock the debounce runs on, injected so the pure debounce is tested with a fake clock; the real one
 * is `realScheduler` (real-scheduler.ts).
 */

/** An opaque timer handle. */
export type TimerHandle = unknown;

/** now() in milliseconds, one-shot timers and their cancellation. */
export interface Scheduler {
  now(): number;
  setTimer(delayMs: number, callback: () => void): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}
