/**
 * The detached mode: a supervisor in its own session (setsid), stdio to supervisor.log, not waited for,
 * so it outlives `berth up -d`. ensureSupervisor() is idempotent: a live supervisor answering on the
 * socket is kept; otherwise stale pid/socket files are cleared and a new one is spawned and waited for
 * until it answers. Starting is serialised per project by a lock, so two `up`s never start two.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BerthError } from '../errors/index.js';
import { processStartTime } from '../runtime/process/proc-identity.js';
import { withLock } from '../runtime/state/atomic-file.js';
import type { StateRoots } from '../runtime/state-roots.js';
import { supervisorAnswers } from './control-client.js';
import { liveSupervisorPid } from './pid-file.js';
import { projectPaths, type ProjectPaths } from './project-paths.js';
import type { SupervisorStandby } from './standby.js';

/** How the detached process is run; tests running from sources pass a loader. */
export interface DetachOptions {
  /** The entry module (default: supervisor-main.js next to this module). */
  entry?: string | undefined;
  /** Arguments for node before the entry (e.g. `--import <loader>`). */
  nodeArgs?: readonly string[] | undefined;
  /** How long to wait for the new supervisor to answer (default 10 s). */
  readyTimeoutMs?: number | undefined;
  /** A standby (standby.ts) to make the supervisor, when one must be started, instead of spawning anew. */
  standby?: SupervisorStandby | undefined;
}

/** The supervisor that answers after ensureSupervisor. */
export interface EnsuredSupervisor {
  pid: number;
  /** Whether this call started it. */
  started: boolean;
}

/**
 * The default entry, beside this module: supervisor-main.js in dist/src/supervisor/; in dist/bundle/,
 * where this module is a .cjs chunk among all the others, the launcher supervisor.cjs, which puts the
 * code cache in place first (scripts/build-bundle.mjs).
 */
export function defaultEntry(): string {
  return fileURLToPath(new URL(import.meta.url.endsWith('.cjs') ? './supervisor.cjs' : './supervisor-main.js', import.meta.url));
}

/** Spawns a detached supervisor of `project`; returns its pid without waiting for it. */
export function spawnDetachedSupervisor(roots: StateRoots, project: string, options: DetachOptions = {}): number {
  const paths = projectPaths(roots, project);
  mkdirSync(paths.dir, { recursive: true });
  const log = openSync(paths.log, 'a', 0o600);
  try {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.entry ?? defaultEntry(), project], {
      detached: true,
      // `/` so the supervisor never pins the caller's directory (or the mount it lies on).
      cwd: '/',
      stdio: ['ignore', log, log],
      env: { ...process.env, BERTH_ROOT: roots.root, BERTH_RUN: roots.run },
    });
    child.unref();
    if (child.pid === undefined) throw startFailed(project, paths, 'it could not be spawned');
    return child.pid;
  } finally {
    closeSync(log);
  }
}

/** Makes sure a supervisor of `project` runs and answers: keeps a live one, else starts a detached one. */
export async function ensureSupervisor(roots: StateRoots, project: string, options: DetachOptions = {}): Promise<EnsuredSupervisor> {
  const paths = projectPaths(roots, project);
  mkdirSync(dirname(paths.lock), { recursive: true });
  return withLock(paths.lock, async () => {
    const live = liveSupervisorPid(paths.pid);
    if (live !== undefined && await supervisorAnswers(roots, project)) return { pid: live.pid, started: false };
    if (live !== undefined) {
      throw new BerthError('precondition', 'supervisor.not-answering', `the supervisor of project ${project} (pid ${live.pid}) does not answer on ${paths.socket}`, {
        hint: `see its log ${paths.log}; end it with kill ${live.pid} and run the command again`,
      });
    }
    rmSync(paths.pid, { force: true });
    rmSync(paths.socket, { force: true });
    const pid = options.standby?.assign(project) ?? spawnDetachedSupervisor(roots, project, options);
    await waitUntilAnswering(roots, project, pid, paths, options.readyTimeoutMs ?? 10_000);
    return { pid, started: true };
  });
}

/**
 * Polls every 5 ms: a new supervisor answers ~100 ms after its spawn, `up` waits on that, and a try
 * (a connect to a unix socket that is not there yet) costs next to nothing. A back-off overshot by
 * up to its last step (100+ ms).
 */
async function waitUntilAnswering(roots: StateRoots, project: string, pid: number, paths: ProjectPaths, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await supervisorAnswers(roots, project, 1000)) return;
    if (processStartTime(pid) === undefined) throw startFailed(project, paths, 'it exited at once');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw startFailed(project, paths, `it did not answer within ${timeoutMs} ms`);
}

function startFailed(project: string, paths: ProjectPaths, why: string): BerthError {
  let tail: string[] = [];
  try {
    tail = readFileSync(paths.log, 'utf8').trimEnd().split('\n').slice(-5);
  } catch {
    tail = [];
  }
  return new BerthError('system', 'supervisor.start-failed', `the supervisor of project ${project} did not start: ${why}`, {
    hint: `see its log ${paths.log}`, details: tail,
  });
}
