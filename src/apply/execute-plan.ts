/**
 * The plan executor: walks a Plan's op graph with bounded parallelism (graph/walk), calling one handler
 * per op, recording each finished step. On the first failure (or on abort) no new op starts; the running
 * ones are awaited, then the undos of the finished steps run in reverse finishing order, and the first
 * cause is thrown as a BerthError naming the service and the op. A plan that takes things away (`down`)
 * runs with `rollback: false` instead: every op not depending on a failed one still runs, nothing is undone. A wait on a `required: false` dependency
 * that fails is tolerated (an event, no failure). It decides nothing: every choice is in the plan.
 */
import { BerthError, isBerthError } from '../errors/index.js';
import { dagOf, walkDag } from '../graph/index.js';
import { objectOf, type Op, type Plan } from '../plan/index.js';
import type { ApplyEvent, FinishedStep } from './apply-events.js';
import type { OpHandlers } from './op-handlers.js';

/** Options of executePlan(). */
export interface ExecuteOptions {
  /** How many ops may run at once (default 16: most ops wait on the kernel or a child, not the CPU). */
  concurrency?: number;
  onEvent?: (event: ApplyEvent) => void;
  /** Aborting stops the apply and rolls back what it did (Ctrl-C). */
  signal?: AbortSignal;
  /** The clock of the events, in ms (default performance.now). */
  now?: () => number;
  /** Undo the finished steps after a failure (default true); false goes on with what does not depend on it. */
  rollback?: boolean;
}

/** Runs the plan; resolves with the finished steps, or rolls back and throws the first cause. */
export async function executePlan(plan: Plan, handlers: OpHandlers, options: ExecuteOptions = {}): Promise<FinishedStep[]> {
  const now = options.now ?? (() => performance.now());
  const emit = options.onEvent ?? (() => undefined);
  const signal = options.signal ?? new AbortController().signal;
  const byId = new Map(plan.ops.map((op) => [op.id, op]));
  const finished: FinishedStep[] = [];
  let failed: { op: Op; error: unknown } | undefined;
  const visit = async (id: string): Promise<void> => {
    const op = byId.get(id)!;
    if (signal.aborted) throw cancelled(plan);
    const startedAt = now();
    emit({ type: 'started', op, at: startedAt });
    try {
      await handlers[op.kind](op, { signal });
    } catch (error) {
      const at = now();
      if (op.kind === 'wait-dependency' && op.dependency?.required === false && !signal.aborted) {
        emit({ type: 'tolerated', op, at, duration: at - startedAt, error });
        return;
      }
      emit({ type: 'failed', op, at, duration: at - startedAt, error });
      failed ??= { op, error };
      throw error;
    }
    const finishedAt = now();
    finished.push({ op, startedAt, finishedAt });
    emit({ type: 'finished', op, at: finishedAt, duration: finishedAt - startedAt });
  };
  const dag = dagOf(Object.fromEntries(plan.ops.map((op) => [op.id, op.dependsOn])));
  try {
    await walkDag(dag, visit, { concurrency: options.concurrency ?? 16, keepGoing: options.rollback === false });
    return finished;
  } catch (error) {
    const undoFailures = options.rollback === false ? [] : await undoSteps(finished, handlers, emit, now);
    throw signal.aborted ? failureOf(undefined, cancelled(plan), undoFailures) : failureOf(failed?.op, failed?.error ?? error, undoFailures);
  }
}

/** Replays the undos of the finished steps in reverse order; returns a line per undo that failed. */
async function undoSteps(steps: readonly FinishedStep[], handlers: OpHandlers, emit: (e: ApplyEvent) => void, now: () => number): Promise<string[]> {
  const failures: string[] = [];
  const context = { signal: new AbortController().signal };
  for (const step of [...steps].reverse()) {
    if (step.op.undo === 'none') continue;
    const undo: Op = { ...step.op, id: `undo:${step.op.id}`, kind: step.op.undo, undo: 'none', cause: `undo of ${step.op.kind}` };
    const startedAt = now();
    try {
      await handlers[undo.kind](undo, context);
      emit({ type: 'undone', op: undo, at: now(), duration: now() - startedAt });
    } catch (error) {
      emit({ type: 'undo-failed', op: undo, at: now(), duration: now() - startedAt, error });
      failures.push(`rollback: ${undo.kind} ${objectOf(undo) || undo.resource} failed too: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return failures;
}

/** The error thrown for a failed apply: the first cause, prefixed with the service and op. */
function failureOf(op: Op | undefined, error: unknown, undoFailures: string[]): BerthError {
  if (op === undefined && isBerthError(error)) return undoFailures.length === 0 ? error : new BerthError(error.errorClass, error.code, error.message, { hint: error.hint, cause: error, details: [...error.details, ...undoFailures] });
  const subject = op === undefined ? 'apply' : `${op.service === undefined ? op.resource : `service ${op.service}`}: ${op.kind} ${objectOf(op)}`.trimEnd();
  const message = error instanceof Error ? error.message : String(error);
  const base = isBerthError(error) ? error : undefined;
  return new BerthError(base?.errorClass ?? 'system', base?.code ?? 'apply.failed', `${subject} failed: ${message}`, {
    hint: base?.hint ?? 'fix the cause and run the command again: what this run made was rolled back',
    cause: error,
    details: [...(base?.details ?? []), ...undoFailures],
  });
}

function cancelled(plan: Plan): BerthError {
  return new BerthError('system', 'apply.cancelled', `applying the plan of project ${plan.project} was cancelled`, {
    hint: 'what this run made was rolled back; run the command again to finish',
  });
}
