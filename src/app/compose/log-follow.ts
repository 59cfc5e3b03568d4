/**
 * Following a project's container logs as `up` (attached) shows them: polls the log files the monitors
 * write (JSON lines `{t, s, m}`) from where it last read, picks up containers as they appear, and reports
 * each run's exit once (keyed by the run's pid); a mark taken before `up` applies its plan hides what
 * earlier runs printed, as Compose attaches only to new output. Polling keeps it simple and robust to recreated files;
 * 100 ms is well under what a person notices.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { containerPaths, observeContainer } from '../../runtime/container/index.js';
import type { StateRoots } from '../../runtime/state-roots.js';
import { projectContainers, type ProjectContainer } from './project-containers.js';

/** One line of a container's output. */
export interface LogEvent {
  /** `service-1`, as Compose prefixes it. */
  container: string;
  service: string;
  stream: 'stdout' | 'stderr';
  text: string;
  time: Date;
}

/** A container run that ended. */
export interface ExitEvent {
  container: string;
  service: string;
  code: number;
}

/** What a follower reports. */
export interface FollowListener {
  line(event: LogEvent): void;
  exited(event: ExitEvent): void;
}

const POLL_MS = 100;

/** Where a follower starts: each container's log size and its last run's exit, as they were at mark time. */
export interface FollowMark {
  offsets: ReadonlyMap<string, number>;
  exits: ReadonlySet<string>;
}

/** Marks the project's logs and exits now, so a follower started later shows only what comes after. */
export function markLogs(roots: StateRoots, projectName: string): FollowMark {
  const offsets = new Map<string, number>();
  const exits = new Set<string>();
  for (const c of projectContainers(roots, projectName).filter((x) => !x.oneoff)) {
    try {
      offsets.set(c.id, statSync(containerPaths(roots, c.id).log).size);
    } catch {
      // no output yet: the follower starts at the beginning
    }
    const exit = observeContainer(roots, c.id)?.exit;
    if (exit !== undefined) exits.add(`${c.id} ${exit.pid}`);
  }
  return { offsets, exits };
}

/** Follows the logs of `services`' containers until stop() (which reads what is left first), from `mark` when given. */
export function followLogs(roots: StateRoots, projectName: string, services: ReadonlySet<string>, listener: FollowListener, mark?: FollowMark): { stop(): void } {
  const offsets = new Map(mark?.offsets ?? []);
  const partial = new Map<string, string>();
  const reported = new Set(mark?.exits ?? []);
  const poll = (): void => {
    for (const c of projectContainers(roots, projectName).filter((x) => services.has(x.service) && !x.oneoff)) {
      readNew(roots, c, offsets, partial, listener);
      const exit = observeContainer(roots, c.id)?.exit;
      if (exit !== undefined && !reported.has(`${c.id} ${exit.pid}`)) {
        reported.add(`${c.id} ${exit.pid}`);
        listener.exited({ container: displayName(c), service: c.service, code: exit.signal > 0 ? 128 + exit.signal : exit.code });
      }
    }
  };
  const timer = setInterval(poll, POLL_MS);
  poll();
  return { stop: () => { clearInterval(timer); poll(); } };
}

/** `service-N`, the name Compose shows for a container in attached output. */
export function displayName(c: ProjectContainer): string {
  return `${c.service}-${c.number}`;
}

function readNew(roots: StateRoots, c: ProjectContainer, offsets: Map<string, number>, partial: Map<string, string>, listener: FollowListener): void {
  const path = containerPaths(roots, c.id).log;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return;
  }
  const from = offsets.get(c.id) ?? 0;
  if (size <= from) return;
  const buffer = Buffer.alloc(size - from);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, from);
  } finally {
    closeSync(fd);
  }
  offsets.set(c.id, size);
  const lines = ((partial.get(c.id) ?? '') + buffer.toString('utf8')).split('\n');
  partial.set(c.id, lines.pop() ?? '');
  for (const line of lines.filter((l) => l !== '')) {
    try {
      const e = JSON.parse(line) as { t: string; s: 'stdout' | 'stderr'; m: string };
      listener.line({ container: displayName(c), service: c.service, stream: e.s, text: e.m.replace(/\n$/, ''), time: new Date(e.t) });
    } catch {
      listener.line({ container: displayName(c), service: c.service, stream: 'stdout', text: line, time: new Date() });
    }
  }
}
