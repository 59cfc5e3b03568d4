/**
 * The contract between the executor and the effects: one async function per op kind. The executor calls
 * them with the op (undos get a copy of the op with the undo's kind) and decides nothing itself; handlers
 * must be idempotent where they can (an undo may meet half-made state) and throw BerthErrors.
 */
import type { Op, OpKind } from '../plan/index.js';

/** What a handler gets besides its op. */
export interface OpContext {
  /** Aborted on Ctrl-C: long waits (dependency health, stop grace) should give up. */
  signal: AbortSignal;
}

/** One handler: performs the op or throws. */
export type OpHandler = (op: Op, context: OpContext) => Promise<void>;

/** A handler for every op kind. */
export type OpHandlers = Readonly<Record<OpKind, OpHandler>>;
