/** `berth runtime exec`: a command in a running container, with the caller's stdio. */
import { execInContainer } from '../runtime/container/index.js';
import { runtimeContext } from './runtime-context.js';

/** Runs a command in a running container with the caller's stdio; returns its exit code. */
export function runtimeExec(id: string, command: string[], options: { tty: boolean; user?: string | undefined; workdir?: string | undefined; env: string[] }): Promise<number> {
  return execInContainer(runtimeContext(), id, { args: command, tty: options.tty, user: options.user, cwd: options.workdir, env: options.env, stdio: 'inherit' });
}
