/**
 * A supervisor started before its project is known: `supervisor-main --standby` does Node's start-up and
 * loads its modules while `up -d` is still loading the project, then waits on stdin for a project name.
 * assign() gives it one: it then sends its output to that project's supervisor.log and runs as a
 * detached supervisor does. A standby never assigned reads end-of-file when its caller exits (the pipe
 * is unreferenced, so it never keeps the caller alive), and exits at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { StateRoots } from '../runtime/state-roots.js';
import { defaultEntry, type DetachOptions } from './detached.js';
import { projectPaths } from './project-paths.js';

/** A spawned supervisor process waiting for its project. */
export class SupervisorStandby {
  private assigned = false;

  private constructor(private readonly child: ChildProcess, private readonly roots: StateRoots) {}

  /** Spawns one: its own session, cwd `/`, the roots in its environment, output discarded until assigned. */
  static spawn(roots: StateRoots, options: DetachOptions = {}): SupervisorStandby {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.entry ?? defaultEntry(), '--standby'], {
      detached: true,
      cwd: '/',
      stdio: ['pipe', 'ignore', 'ignore'],
      env: { ...process.env, BERTH_ROOT: roots.root, BERTH_RUN: roots.run },
    });
    child.on('error', () => undefined);
    child.stdin?.on('error', () => undefined);
    child.unref();
    (child.stdin as { unref?: () => void } | null)?.unref?.();
    return new SupervisorStandby(child, roots);
  }

  /** Makes it the supervisor of `project`; returns its pid, or undefined when it is gone or was assigned. */
  assign(project: string): number | undefined {
    if (this.assigned || this.child.pid === undefined || this.child.exitCode !== null || this.child.stdin === null) return undefined;
    this.assigned = true;
    mkdirSync(projectPaths(this.roots, project).dir, { recursive: true });
    this.child.stdin.end(`${project}\n`);
    return this.child.pid;
  }

  /** Lets an unassigned standby exit now rather than when this process does; no-op once assigned. */
  release(): void {
    if (!this.assigned) this.child.stdin?.end();
  }

  /** Its pid (undefined when it could not be spawned). */
  get pid(): number | undefined {
    return this.child.pid;
  }
}
