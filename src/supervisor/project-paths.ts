/**
 * Where a project's supervisor keeps its files: BERTH_RUN/projects/<project>/ holds supervisor.json (the
 * desired supervision), supervisor.pid (pid + start time), control.sock and supervisor.log; per
 * container, BERTH_RUN/containers/<id>/ holds health.json and supervision.json next to the runtime's records.
 */
import { BerthError } from '../errors/index.js';
import { containerPaths } from '../runtime/container/index.js';
import { statePath, type StateRoots } from '../runtime/state-roots.js';

/** The files of one project's supervisor. */
export interface ProjectPaths {
  dir: string;
  spec: string;
  pid: string;
  socket: string;
  log: string;
  /** Serialises starting a supervisor for this project. */
  lock: string;
}

// sockaddr_un.sun_path holds 108 bytes including the NUL.
const MAX_SOCKET_PATH = 107;
const PROJECT = /^[a-z0-9][a-z0-9_-]*$/;

/** The paths of `project`'s supervisor; an invalid error for a name Compose would refuse. */
export function projectPaths(roots: StateRoots, project: string): ProjectPaths {
  if (!PROJECT.test(project)) {
    throw new BerthError('invalid', 'supervisor.bad-project', `project name ${JSON.stringify(project)} is not valid`, {
      hint: 'use lowercase letters, digits, `-` and `_`, starting with a letter or digit',
    });
  }
  const dir = statePath(roots, 'run', 'projects', project);
  const socket = `${dir}/control.sock`;
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH) {
    throw new BerthError('invalid', 'supervisor.socket-path-too-long', `the control socket path ${socket} is longer than ${MAX_SOCKET_PATH} bytes`, {
      hint: 'use a shorter BERTH_RUN or project name',
    });
  }
  return {
    dir, socket,
    spec: `${dir}/supervisor.json`,
    pid: `${dir}/supervisor.pid`,
    log: `${dir}/supervisor.log`,
    lock: statePath(roots, 'run', 'locks', `supervisor-${project}.lock`),
  };
}

/** The supervisor's per-container records. */
export function supervisedContainerPaths(roots: StateRoots, id: string): { stateDir: string; health: string; supervision: string } {
  const stateDir = containerPaths(roots, id).stateDir;
  return { stateDir, health: `${stateDir}/health.json`, supervision: `${stateDir}/supervision.json` };
}
