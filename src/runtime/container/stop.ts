/**
 * Signalling and waiting: kill sends a signal to the container's PID 1 (a no-op when it is not running,
 * so it is idempotent); wait returns the monitor's exit record, or a `dead` status when the monitor died
 * without writing one.
 */
import { watch, type FSWatcher } from 'node:fs';
import { constants } from 'node:os';
import { BerthError } from '../../errors/index.js';
import { observeContainer, type ObservedContainer } from '../state/observe.js';
import type { ExitRecord } from '../state/container-record.js';
import { containerPaths } from './container-paths.js';
import type { RuntimeContext } from './runtime-context.js';

/** The container `id` as observed now; a not-found BerthError when it does not exist. */
export function requireContainer(ctx: RuntimeContext, id: string): ObservedContainer {
  const observed = observeContainer(ctx.roots, id);
  if (observed === undefined) {
    throw new BerthError('not-found', 'container.not-found', `container ${id} not found`, { hint: 'list containers with `berth runtime ps`' });
  }
  return observed;
}

/** A signal name (`TERM`, `SIGTERM`) or number as a number. */
export function signalNumber(signal: string | number): number {
  if (typeof signal === 'number') return signal;
  if (/^\d+$/.test(signal)) return Number(signal);
  const name = (signal.toUpperCase().startsWith('SIG') ? signal.toUpperCase() : `SIG${signal.toUpperCase()}`) as keyof typeof constants.signals;
  const n = constants.signals[name];
  if (n === undefined) throw new BerthError('invalid', 'container.unknown-signal', `unknown signal ${signal}`, { hint: 'use a name like TERM, KILL, HUP or a number' });
  return n;
}

/** Sends `signal` to container `id`; returns whether it was running. */
export function killContainer(ctx: RuntimeContext, id: string, signal: string | number = 'SIGTERM'): boolean {
  const observed = requireContainer(ctx, id);
  const sig = signalNumber(signal);
  if (!observed.running || observed.record.pid === undefined) return false;
  try {
    process.kill(observed.record.pid, sig);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    return false;
  }
  return true;
}

/** How a container ended: its exit record, or undefined when it died without one (monitor killed). */
export type WaitResult = { status: 'exited'; exit: ExitRecord } | { status: 'dead' };

/**
 * Waits until container `id` is no longer running. The state dir is watched before each look at the
 * records, so an exit record written in between wakes the wait at once (it waited out the 100 ms
 * fallback, the usual case when a stop signal ends a container within a few ms).
 */
export async function waitContainer(ctx: RuntimeContext, id: string): Promise<WaitResult> {
  const stateDir = containerPaths(ctx.roots, id).stateDir;
  for (;;) {
    const change = nextChange(stateDir);
    try {
      const observed = requireContainer(ctx, id);
      if (observed.exit !== undefined) return { status: 'exited', exit: observed.exit };
      if (observed.status === 'dead') return { status: 'dead' };
      if (observed.status === 'created') {
        throw new BerthError('precondition', 'container.not-started', `container ${id} was never started`, { hint: 'start it before waiting for it' });
      }
      await change.next;
    } finally {
      change.close();
    }
  }
}

/** Settles at the next change in `dir`, or after 100 ms (a fallback for a missed or unwatchable change). */
function nextChange(dir: string): { next: Promise<void>; close(): void } {
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  const next = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, 100);
    try {
      watcher = watch(dir, () => resolve());
    } catch {
      // No dir to watch (the container is being removed): the timer and the next look decide.
    }
  });
  return { next, close: () => { clearTimeout(timer); watcher?.close(); } };
}
