/**
 * The BerthErrors both drivers raise about a whole group (as opposed to one limit, see apply-limits.ts),
 * kept in one place so codes and wording stay the same across v1 and v2.
 */
import { BerthError } from '../../errors/index.js';
import { errnoCode } from './cgroup-files.js';

/** The group already exists (create never adopts a group it did not make). */
export function groupExists(label: string, dir: string): BerthError {
  return new BerthError('conflict', 'cgroup.exists', `cgroup ${label} already exists (${dir})`, {
    hint: 'remove the old container first (berth runtime rm), or destroy the group, then try again',
  });
}

/** A directory or control file of the group could not be made or written. */
export function groupSetupFailed(label: string, path: string, error: unknown): BerthError {
  const why = errnoCode(error) ?? String(error);
  return new BerthError('system', 'cgroup.create-failed', `cgroup ${label}: cannot set up ${path}: ${why}`, {
    hint: 'check that the cgroup filesystem is mounted read-write and that berth runs as root',
    cause: error,
  });
}

/** A controller the limits need is not there. */
export function controllerMissing(label: string, controller: string, why: string): BerthError {
  return new BerthError('precondition', 'cgroup.controller-missing', `cgroup ${label}: the ${controller} controller is not available: ${why}`, {
    hint: `remove the ${controller} limits from the service, or enable the ${controller} controller on this machine`,
  });
}

/** The group did not reach the frozen state in time (it is thawed again). */
export function freezeTimeout(label: string, timeoutMs: number): BerthError {
  return new BerthError('system', 'cgroup.freeze-timeout', `cgroup ${label} did not freeze within ${timeoutMs} ms`, {
    hint: 'a task may be in uninterruptible sleep; try the pause again',
  });
}

/** A control write outside limits (freeze, thaw, kill) failed; `cgroup.write-failed`. */
export function groupWriteFailed(label: string, path: string, value: string, error: unknown): BerthError {
  const code = errnoCode(error);
  if (code === undefined) return error as BerthError;
  const why = code === 'ENOENT' ? 'the file does not exist (the group is gone or its controller is missing)' : code;
  return new BerthError('system', 'cgroup.write-failed', `cgroup ${label}: cannot write ${JSON.stringify(value)} to ${path}: ${why}`, {
    hint: 'check that the group still exists (berth runtime ps) and try again',
    cause: error,
  });
}
