/**
 * `berth exec`: a command in a running service container, with the caller's stdio or a pty the helper
 * makes inside the container. The caller's window size is given at start (the helper reads it from
 * stdin); resize() passes later changes on by setting the size of the exec'd process's terminal, found
 * as the child of this process's helper. Returns the command's exit code; never prints. Detached (-d),
 * the command gets no stdio and `done` resolves as soon as it runs: the helper then outlives the CLI
 * that started it, as a container's monitor does.
 */
import { BerthError } from '../errors/index.js';
import { execInContainer } from '../runtime/container/index.js';
import { childPids, procRow } from '../runtime/process/proc-table.js';
import { setWindowSize } from '../sys/window-size.js';
import { commandError } from './compose/command-error.js';
import { serviceContainer } from './compose/container-selection.js';
import { isPaused } from './compose/paused.js';
import type { ProjectOptions } from './project-loader.js';

/** The choices of `berth exec`. */
export interface ExecChoices {
  service: string;
  command: readonly string[];
  index?: number | undefined;
  tty: boolean;
  /** `K=V`, or `K` to pass the caller's value of K. */
  env: readonly string[];
  user?: string | undefined;
  workdir?: string | undefined;
  /** Give the command every capability (`--privileged`). */
  privileged?: boolean | undefined;
  /** Return once the command runs, leaving it running (`-d`). */
  detach?: boolean | undefined;
}

/** A running exec. */
export interface ExecSession {
  /** The exit code of the command (128 + signal when killed). */
  done: Promise<number>;
  /** Sets the window size of the command's pty (no-op without one, or before it started). */
  resize(rows: number, cols: number): void;
}

/** Starts `berth exec`. */
export function exec(projectOptions: ProjectOptions, choices: ExecChoices): ExecSession {
  if (choices.command.length === 0) {
    throw new BerthError('invalid', 'exec.no-command', `exec in service ${choices.service} needs a command`, { hint: 'add the command after the service: berth exec web sh' });
  }
  const { cc, container } = serviceContainer(projectOptions, choices.service, choices.index);
  if (container.status !== 'running') {
    throw new BerthError('precondition', 'container.not-running', `container ${container.name} is not running`, { hint: `start it first: berth start ${choices.service}` });
  }
  // A command in a frozen cgroup would hang until the unpause: refuse it, as Docker does.
  if (isPaused(cc, container.id)) {
    throw new BerthError('precondition', 'container.paused', `container ${container.name} is paused`, { hint: `unpause it before exec: berth unpause ${choices.service}` });
  }
  const detach = choices.detach === true;
  const finished = execInContainer(cc.runtime, container.id, {
    args: choices.command, tty: choices.tty && !detach, user: choices.user, cwd: choices.workdir, env: resolveEnv(choices.env), privileged: choices.privileged, stdio: detach ? 'ignore' : 'inherit',
  }).catch((error: unknown) => { throw commandError(error, container.name, choices.command[0]); });
  const done = detach ? Promise.race([finished, running()]) : finished;
  return { done, resize: (rows, cols) => { if (choices.tty) resizeExec(rows, cols); } };
}

/** Resolves to 0 once this process's helper has forked the command (its child exists). */
async function running(): Promise<number> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (helperPids().some((helper) => childPids(helper).length > 0)) return 0;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new BerthError('system', 'exec.not-started', 'the detached command did not start within 10 s', { hint: 'run it without -d to see why' });
}

function helperPids(): number[] {
  return childPids(process.pid).filter((pid) => procRow(pid)?.command.includes('berth-helper') === true);
}

/** `K=V` entries, with a bare `K` taking the caller's value (and left out when the caller has none). */
export function resolveEnv(entries: readonly string[]): string[] {
  return entries.flatMap((e) => {
    if (e.includes('=')) return [e];
    const value = process.env[e];
    return value === undefined ? [] : [`${e}=${value}`];
  });
}

function resizeExec(rows: number, cols: number): void {
  for (const helper of helperPids()) {
    for (const pid of childPids(helper)) {
      try {
        setWindowSize(`/proc/${pid}/fd/0`, rows, cols);
      } catch {
        // the process ended or changed its stdin: nothing left to resize
      }
    }
  }
}
