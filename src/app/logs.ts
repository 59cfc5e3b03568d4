/**
 * `berth logs`: the selected containers' output from their log files, merged in time order, with
 * --since/--until/--tail applied per container; follow() then polls the files for new lines and picks up
 * containers that appear later (a recreated or scaled service), until the signal aborts or every
 * selected container ended for good, as Compose's `logs -f` ends. Returns data.
 */
import { BerthError } from '../errors/index.js';
import { containerPaths } from '../runtime/container/index.js';
import type { StateRoots } from '../runtime/state-roots.js';
import { liveSupervisorPid, projectPaths, readSupervisionSpec } from '../supervisor/index.js';
import { readLogSince, type LogCursor, type LogEntry } from './compose/log-reader.js';
import { parseLogTime } from './compose/log-time.js';
import { chosenBy, selectContainers, type ContainerChoice } from './compose/container-selection.js';
import { projectContainers, type ProjectContainer } from './compose/project-containers.js';
import type { ProjectOptions } from './project-loader.js';

/** The choices of `berth logs`. */
export interface LogsOptions extends ContainerChoice {
  /** Last lines per container. */
  tail?: number | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

/** One line, with the `service-N` name Compose prefixes it with. */
export interface LogLine extends LogEntry {
  container: string;
  service: string;
}

/** What `logs` read, and how to follow on. */
export interface LogsResult {
  /** Every container name known now (for prefix widths). */
  names: string[];
  lines: LogLine[];
  /** Calls `onLine` for each new line until `signal` aborts (or --until passes). */
  follow(onLine: (line: LogLine) => void, signal: AbortSignal): Promise<void>;
}

const POLL_MS = 100;

/** Reads the logs of the containers `options` select. */
export function logs(projectOptions: ProjectOptions, options: LogsOptions): LogsResult {
  const now = new Date();
  const since = options.since === undefined ? undefined : parseLogTime(options.since, now, '--since');
  const until = options.until === undefined ? undefined : parseLogTime(options.until, now, '--until');
  const keep = (e: LogEntry): boolean => (since === undefined || e.time >= since) && (until === undefined || e.time <= until);
  const cursors = new Map<string, LogCursor>();
  const { cc, projectName, containers: first } = selectContainers(projectOptions, options);
  if (options.index !== undefined && first.length === 0) {
    const which = options.services.length === 0 ? 'any service' : `service ${options.services.join(', ')}`;
    throw new BerthError('not-found', 'service.no-container', `${which} of project ${projectName} has no replica ${options.index}`, { hint: '`berth ps -a` lists the containers and their numbers' });
  }
  const chosen = chosenBy(options);
  const readNew = (initial: boolean): LogLine[] => {
    const containers = initial ? first : projectContainers(cc.roots, projectName).filter(chosen);
    const out: LogLine[] = [];
    for (const c of containers) {
      const cursor = cursors.get(c.id) ?? { offset: 0, partial: '' };
      cursors.set(c.id, cursor);
      let entries = readLogSince(containerPaths(cc.roots, c.id).log, cursor).filter(keep);
      if (initial && options.tail !== undefined) entries = options.tail <= 0 ? [] : entries.slice(-options.tail);
      out.push(...entries.map((e) => ({ ...e, container: displayName(c), service: c.service })));
    }
    return out.sort((a, b) => a.time.getTime() - b.time.getTime());
  };
  const lines = readNew(true);
  const finished = (): boolean => followedAll(cc.roots, projectName, projectContainers(cc.roots, projectName).filter(chosen));
  return { names: first.map(displayName), lines, follow: (onLine, signal) => followOn(() => readNew(false), onLine, signal, until, finished) };
}

/**
 * Whether following can end, as `docker compose logs -f` ends: no selected container runs, and none will
 * run again (removed, no supervisor to restart them, or their restart policy is `no`).
 */
function followedAll(roots: StateRoots, projectName: string, containers: readonly ProjectContainer[]): boolean {
  if (containers.some((c) => c.status === 'running')) return false;
  if (containers.length === 0 || liveSupervisorPid(projectPaths(roots, projectName).pid) === undefined) return true;
  let policies: Map<string, string>;
  try {
    policies = new Map(readSupervisionSpec(roots, projectName).containers.map((c) => [c.id, c.restartPolicy.kind]));
  } catch {
    return true;
  }
  return containers.every((c) => (policies.get(c.id) ?? 'no') === 'no');
}

/** `service-N`, the name Compose shows for a container's lines. */
function displayName(c: ProjectContainer): string {
  return c.oneoff ? c.name : `${c.service}-${c.number}`;
}

async function followOn(readNew: () => LogLine[], onLine: (line: LogLine) => void, signal: AbortSignal, until: Date | undefined, finished: () => boolean): Promise<void> {
  let last = false;
  while (!last && !signal.aborted && (until === undefined || Date.now() <= until.getTime())) {
    // Decided before the read, so the lines written before the containers ended are still printed.
    last = finished();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, POLL_MS);
      signal.addEventListener('abort', done, { once: true });
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
    });
    for (const line of readNew()) onLine(line);
  }
}
