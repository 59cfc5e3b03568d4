/**
 * The progress events of an apply, as the CLI's renderers (listr2, plain lines, json) consume them. Times
 * are milliseconds on the executor's clock; `duration` is set when an op ends.
 */
import type { Op } from '../plan/index.js';

/** What happened to an op. */
export type ApplyEventType = 'started' | 'finished' | 'failed' | 'tolerated' | 'undone' | 'undo-failed';

/** One progress event. */
export interface ApplyEvent {
  type: ApplyEventType;
  op: Op;
  /** When it happened, in ms on the executor's clock. */
  at: number;
  /** How long the op (or its undo) ran, in ms. */
  duration?: number;
  error?: unknown;
}

/** A finished step, as the executor records it for undo. */
export interface FinishedStep {
  op: Op;
  startedAt: number;
  finishedAt: number;
}
