/**
 * Ending a project's supervisor for `down`, whatever state it is in: asked over its control socket, else
 * (not answering, or killed mid-way and restarted by nobody) signalled through its pid file, SIGKILL
 * after a short wait. Then its project dir (supervisor.json, socket, log, pid file) is removed.
 * releaseSupervisor() returns once nothing restarts a container, with the rest still to come.
 */
import { rmSync } from 'node:fs';
import { processStartTime } from '../../runtime/process/proc-identity.js';
import type { StateRoots } from '../../runtime/state-roots.js';
import { liveSupervisorPid, projectPaths, supervisorRequest } from '../../supervisor/index.js';

/** Stops the supervisor of `project` (if any) and removes its files; returns the pid it ended. */
export async function endSupervisor(roots: StateRoots, project: string): Promise<number | undefined> {
  return (await releaseSupervisor(roots, project)).ended;
}

/** A supervisor that supervises nothing any more, and the end of its process and files. */
export interface ReleasedSupervisor {
  /** Settles with the pid ended (undefined when none ran) once the process is gone and its files removed. */
  ended: Promise<number | undefined>;
}

/**
 * Resolves as soon as nothing restarts a container of `project`: the supervisor answered `shutdown`
 * (it lets go of every container before it answers), or one that did not answer is gone. `down` stops
 * containers meanwhile, so the supervisor's own exit is off its path.
 */
export async function releaseSupervisor(roots: StateRoots, project: string): Promise<ReleasedSupervisor> {
  const paths = projectPaths(roots, project);
  const live = liveSupervisorPid(paths.pid);
  const answered = await supervisorRequest(roots, project, { cmd: 'shutdown' }, 2000).then(() => true, () => false);
  const end = async (): Promise<number | undefined> => {
    if (live !== undefined && !(await exited(live.pid, live.startTime, 2000))) {
      signal(live.pid, 'SIGKILL');
      await exited(live.pid, live.startTime, 2000);
    }
    rmSync(paths.dir, { recursive: true, force: true });
    return live?.pid;
  };
  if (!answered) await end();
  return { ended: answered ? end() : Promise.resolve(live?.pid) };
}

async function exited(pid: number, startTime: number | undefined, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const now = processStartTime(pid);
    if (now === undefined || (startTime !== undefined && now !== startTime)) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}
