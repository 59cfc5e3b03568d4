/**
 * The client side of a project's control socket: sends one request and returns the result, or throws
 * the supervisor's BerthError; `supervisor.not-running` when nothing listens on the socket.
 */
import { connect } from 'node:net';
import { BerthError } from '../errors/index.js';
import type { StateRoots } from '../runtime/state-roots.js';
import { responseError, type ControlRequest, type ControlResponse } from './control-protocol.js';
import { projectPaths } from './project-paths.js';

/** Sends `request` to `project`'s supervisor; rejects after `timeoutMs` without an answer. */
export async function supervisorRequest(roots: StateRoots, project: string, request: ControlRequest, timeoutMs = 60_000): Promise<unknown> {
  const path = projectPaths(roots, project).socket;
  const response = await new Promise<ControlResponse>((resolve, reject) => {
    const socket = connect(path);
    let buffered = '';
    const timer = setTimeout(() => fail(new BerthError('system', 'supervisor.timeout', `the supervisor of project ${project} did not answer ${request.cmd} within ${timeoutMs} ms`, {
      hint: `see its log ${projectPaths(roots, project).log}`,
    })), timeoutMs);
    function fail(error: Error): void {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    }
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify(request)}\n`));
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      const nl = buffered.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      socket.end();
      resolve(JSON.parse(buffered.slice(0, nl)) as ControlResponse);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => fail(notRunning(project, error)));
    socket.on('close', () => fail(notRunning(project)));
  });
  if (!response.ok) throw responseError(response.error);
  return response.result;
}

/** Whether a supervisor of `project` answers on its socket now. */
export async function supervisorAnswers(roots: StateRoots, project: string, timeoutMs = 2000): Promise<boolean> {
  try {
    await supervisorRequest(roots, project, { cmd: 'status' }, timeoutMs);
    return true;
  } catch {
    return false;
  }
}

function notRunning(project: string, cause?: Error): BerthError {
  return new BerthError('not-found', 'supervisor.not-running', `no supervisor of project ${project} is running`, {
    hint: 'start one with `berth up`', cause,
  });
}
