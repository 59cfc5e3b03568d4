/**
 * Turns the helper's `error` events into BerthErrors that name the container, the step and the errno,
 * classified so the caller knows what to do (a missing command or user is not-found, a refused limit is
 * invalid input, the rest are system failures).
 */
import { BerthError, type ErrorClass } from '../errors/index.js';

/** An `error` event of the helper protocol. */
export interface HelperErrorEvent {
  step: string;
  errno: number;
  message: string;
}

const ENOENT = 2;
const EPERM = 1;
const EACCES = 13;

interface StepRule { errorClass: ErrorClass; code: string; hint: string }

function ruleFor(event: HelperErrorEvent): StepRule {
  const { step, errno } = event;
  if (step === 'exec' && errno === ENOENT) return { errorClass: 'not-found', code: 'container.command-not-found', hint: 'check the command exists in the image and is on its PATH' };
  if (step === 'exec' && errno === EACCES) return { errorClass: 'invalid', code: 'container.command-not-executable', hint: 'check the command is an executable file in the image' };
  if (step === 'user') return { errorClass: 'not-found', code: 'container.user-not-found', hint: "use a numeric uid:gid or a name from the image's /etc/passwd and /etc/group" };
  if (step === 'rootfs' && errno === ENOENT) return { errorClass: 'not-found', code: 'container.rootfs-not-found', hint: 'check the rootfs directory (or image layers) exist' };
  if (step === 'rlimit' && errno === EPERM) return { errorClass: 'invalid', code: 'container.rlimit-refused', hint: 'lower the ulimit to at most the hard limit of the calling process' };
  if (step === 'cwd') return { errorClass: 'invalid', code: 'container.workdir-invalid', hint: 'use a working directory that exists in the image and the user may enter' };
  if (step === 'config' || step === 'usage') return { errorClass: 'internal', code: 'container.helper-protocol', hint: 'this is a bug in berth: report it with the message above' };
  return { errorClass: 'system', code: `container.${step.replace(/_/g, '-')}-failed`, hint: 'see the message and errno; run with --debug for details' };
}

/** The BerthError for a helper error event of container `id`. */
export function helperError(id: string, event: HelperErrorEvent): BerthError {
  const rule = ruleFor(event);
  return new BerthError(rule.errorClass, rule.code, `container ${id}: step ${event.step} failed: ${event.message} (errno ${event.errno})`, {
    hint: rule.hint,
    details: [`step: ${event.step}`, `errno: ${event.errno}`],
  });
}

/** The BerthError for a helper that exited with `exitCode` without saying why. */
export function helperCrashed(id: string, exitCode: number | null, signal: string | null): BerthError {
  return new BerthError('internal', 'container.helper-crashed', `container ${id}: the native helper ended without an event (exit ${exitCode ?? signal})`, {
    hint: 'this is a bug in berth: run again with --debug and report the output',
  });
}
