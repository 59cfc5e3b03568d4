/**
 * Progress of `up` and `down` from the executor's events: one line per step in Docker Compose's words
 * (`Container app-web-1  Created 0.1s`) when plain, one JSON object per event with --progress json,
 * nothing when quiet, and a listr2 task list with a line per resource on a terminal (tty-progress.ts).
 */
import type { ApplyEvent } from '../../app/up.js';
import { TtyProgress } from './tty-progress.js';

/** `--progress` values. */
export type ProgressMode = 'auto' | 'tty' | 'plain' | 'quiet' | 'json';

/** Receives events; end() finishes the display. */
export interface ProgressSink {
  event(event: ApplyEvent): void;
  end(): Promise<void>;
}

const VERBS: Record<string, [string, string]> = {
  'ensure-image': ['Pulling', 'Pulled'],
  'create-network': ['Creating', 'Created'],
  'create-volume': ['Creating', 'Created'],
  'create-container': ['Creating', 'Created'],
  'start-container': ['Starting', 'Started'],
  'wait-dependency': ['Waiting', 'Healthy'],
  'stop-container': ['Stopping', 'Stopped'],
  'remove-container': ['Removing', 'Removed'],
  'remove-network': ['Removing', 'Removed'],
  'remove-volume': ['Removing', 'Removed'],
  'remove-image': ['Removing', 'Removed'],
};

const WAITED: Record<string, string> = { service_healthy: 'Healthy', service_started: 'Started', service_completed_successfully: 'Exited' };

/** `Container app-web-1`, `Network app_default`, `Image busybox`. */
export function subjectOf(event: ApplyEvent): string {
  const op = event.op;
  if (op.kind === 'wait-dependency') return `Container ${op.dependency?.service ?? op.resource}`;
  if (op.kind.endsWith('-network')) return `Network ${op.name ?? op.resource}`;
  if (op.kind.endsWith('-volume')) return `Volume ${op.name ?? op.resource}`;
  if (op.kind.endsWith('-image')) return `Image ${op.image ?? op.resource}`;
  return `Container ${op.containerName ?? op.resource}`;
}

/** The word for an event: `Creating`, `Created`, `Error`, `Rolled back`. */
export function wordOf(event: ApplyEvent): string {
  const [doing, done] = VERBS[event.op.kind] ?? ['Working', 'Done'];
  if (event.type === 'started') return doing;
  if (event.type === 'finished' && event.op.kind === 'wait-dependency') return WAITED[event.op.dependency?.condition ?? 'service_healthy'] ?? done;
  if (event.type === 'finished') return done;
  if (event.type === 'tolerated') return 'Skipped (not required)';
  if (event.type === 'failed') return 'Error';
  if (event.type === 'undone') return `Rolled back (${done.toLowerCase()})`;
  return 'Rollback failed';
}

/** A duration in Compose's style: `0.1s`. */
export function seconds(ms: number | undefined): string {
  return ms === undefined ? '' : `${(ms / 1000).toFixed(1)}s`;
}

/** The sink for `mode` on `stream`. */
export function progressSink(mode: ProgressMode, stream: NodeJS.WriteStream, title: string): ProgressSink {
  const resolved = mode === 'auto' ? (stream.isTTY === true ? 'tty' : 'plain') : mode;
  if (resolved === 'quiet') return { event: () => undefined, end: async () => undefined };
  if (resolved === 'json') {
    return { event: (e) => stream.write(`${JSON.stringify(jsonEvent(e))}\n`), end: async () => undefined };
  }
  if (resolved === 'tty') return new TtyProgress(stream, title);
  return {
    event: (e) => stream.write(` ${subjectOf(e)}  ${wordOf(e)}${e.type === 'started' ? '' : ` ${seconds(e.duration)}`}\n`),
    end: async () => undefined,
  };
}

/** One event as `--progress json` prints it. */
function jsonEvent(e: ApplyEvent): Record<string, unknown> {
  const error = e.error instanceof Error ? e.error.message : undefined;
  return { type: e.type, kind: e.op.kind, resource: e.op.resource, subject: subjectOf(e), status: wordOf(e), duration: e.duration, error };
}
