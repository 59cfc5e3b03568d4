/**
 * Trailing-edge debounce of file events: a batch flushes once no event has arrived for the quiet period,
 * or once `maxWaitMs` has passed since its first event, so a never-quiet stream still syncs. Batches are
 * handed out one at a time: while the handler's promise is pending, new events keep collecting in the same
 * EventBatch (so collapsing still sees each path's true first event) and flush when it settles. Pure: the
 * clock is a Scheduler argument. The handler reports its own failures; a rejection here is only awaited.
 * A batch that reaches BURST_PATHS paths is a burst (a checkout, a generator; an editor's save touches a
 * few paths): chokidar reports new files in directory passes whose gaps outgrow a short quiet period on a
 * busy machine, so the batch waits for BURST_QUIET_MS of quiet, bounded by BURST_MAX_WAIT_MS, and stays one
 * batch (one restart).
 */
import { EventBatch } from './event-batch.js';
import type { FileEvent } from './file-event.js';
import type { Scheduler, TimerHandle } from './scheduler.js';

/** Default quiet period: a tenth of Compose Watch's 500 ms, longer than an editor's save sequence. */
export const DEFAULT_DEBOUNCE_MS = 50;

/** Default bound on how long a batch may keep growing under a never-quiet stream of events. */
export const DEFAULT_MAX_WAIT_MS = 1000;

/** Paths in a batch from which it is treated as a burst. */
export const BURST_PATHS = 10;

/** The quiet period of a burst (never shorter than the configured one). */
export const BURST_QUIET_MS = 300;

/** The bound on a burst's growth (never shorter than the configured one). */
export const BURST_MAX_WAIT_MS = 5000;

/** Debounce timing. */
export interface DebounceOptions {
  quietMs: number;
  maxWaitMs: number;
}

/** Collects events and hands each collapsed batch to `onBatch` on the trailing edge. */
export class Debouncer {
  private readonly batch = new EventBatch();
  private timer: TimerHandle | undefined;
  private firstAt: number | undefined;
  private busy = false;
  private flushWhenIdle = false;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly onBatch: (events: FileEvent[]) => void | Promise<void>,
    private readonly options: DebounceOptions = { quietMs: DEFAULT_DEBOUNCE_MS, maxWaitMs: DEFAULT_MAX_WAIT_MS },
  ) {}

  /** Records one event and (re)arms the trailing-edge timer. */
  push(event: FileEvent): void {
    const now = this.scheduler.now();
    this.firstAt ??= now;
    this.batch.add(event);
    if (this.timer !== undefined) this.scheduler.clearTimer(this.timer);
    const burst = this.batch.size >= BURST_PATHS;
    const quietMs = burst ? Math.max(this.options.quietMs, BURST_QUIET_MS) : this.options.quietMs;
    const untilMax = this.firstAt + (burst ? Math.max(this.options.maxWaitMs, BURST_MAX_WAIT_MS) : this.options.maxWaitMs) - now;
    this.timer = this.scheduler.setTimer(Math.max(0, Math.min(quietMs, untilMax)), () => this.flush());
  }

  /** Whether events are waiting. */
  get pending(): boolean {
    return this.firstAt !== undefined;
  }

  /** Whether a batch handler is still running. */
  get handling(): boolean {
    return this.busy;
  }

  /** Emits the waiting batch now (nothing when it collapsed to no change), or once the handler is idle. */
  flush(): void {
    if (this.timer !== undefined) this.scheduler.clearTimer(this.timer);
    this.timer = undefined;
    if (this.busy) {
      this.flushWhenIdle = true;
      return;
    }
    this.firstAt = undefined;
    const events = this.batch.take();
    if (events.length === 0) return;
    const result = this.onBatch(events);
    if (result instanceof Promise) {
      this.busy = true;
      void result.catch(() => undefined).then(() => this.idle());
    }
  }

  private idle(): void {
    this.busy = false;
    if (!this.flushWhenIdle) return;
    this.flushWhenIdle = false;
    this.flush();
  }

  /** Drops waiting events and the timer. */
  cancel(): void {
    if (this.timer !== undefined) this.scheduler.clearTimer(this.timer);
    this.timer = undefined;
    this.firstAt = undefined;
    this.flushWhenIdle = false;
    this.batch.take();
  }
}
