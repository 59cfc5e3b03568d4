/**
 * Collapses a stream of file events into one batch: one entry per path, the last kind wins, and a path
 * that appeared and vanished within the batch (add then unlink: an editor's temp file, a rename's source
 * written moments before) drops out. Entries keep the order in which their paths were first seen.
 */
import { isRemoval, type FileEvent, type FileEventKind } from './file-event.js';

interface PathState {
  first: FileEventKind;
  last: FileEventKind;
}

/** Accumulates events; `take()` returns the collapsed batch and starts a new one. */
export class EventBatch {
  private readonly paths = new Map<string, PathState>();

  /** Adds one event. */
  add(event: FileEvent): void {
    const state = this.paths.get(event.path);
    if (state === undefined) this.paths.set(event.path, { first: event.kind, last: event.kind });
    else state.last = event.kind;
  }

  /** Number of distinct paths seen. */
  get size(): number {
    return this.paths.size;
  }

  /** The collapsed events, emptying the batch. */
  take(): FileEvent[] {
    const events: FileEvent[] = [];
    for (const [path, { first, last }] of this.paths) {
      if (isCreation(first) && isRemoval(last)) continue;
      events.push({ path, kind: last });
    }
    this.paths.clear();
    return events;
  }
}

function isCreation(kind: FileEventKind): boolean {
  return kind === 'add' || kind === 'addDir';
}

/** Collapses a list of events at once (see EventBatch). */
export function collapseEvents(events: readonly FileEvent[]): FileEvent[] {
  const batch = new EventBatch();
  for (const event of events) batch.add(event);
  return batch.take();
}
