/**
 * The control socket's protocol: one JSON object per line each way, one response per request, in order.
 * Requests: `reload`, `status`, `stop-container <id>`, `start-container <id>`, `shutdown`. A failed
 * request answers `ok: false` with the BerthError's class, code, message and hint.
 */
import { BerthError, type ErrorClass } from '../errors/index.js';

/** A request on control.sock. */
export type ControlRequest =
  | { cmd: 'reload' }
  | { cmd: 'status' }
  | { cmd: 'shutdown' }
  | { cmd: 'stop-container'; id: string }
  | { cmd: 'start-container'; id: string };

/** A failure, as sent over the socket. */
export interface ControlError {
  errorClass: ErrorClass;
  code: string;
  message: string;
  hint: string | undefined;
}

/** A response on control.sock. */
export type ControlResponse = { ok: true; result: unknown } | { ok: false; error: ControlError };

const COMMANDS = new Set(['reload', 'status', 'shutdown', 'stop-container', 'start-container']);

/** Parses one request line; an invalid error for anything else. */
export function parseRequest(line: string): ControlRequest {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    value = undefined;
  }
  const request = value as { cmd?: unknown; id?: unknown } | undefined;
  if (typeof request?.cmd !== 'string' || !COMMANDS.has(request.cmd)) {
    throw new BerthError('invalid', 'supervisor.bad-request', `the control request ${line.slice(0, 80)} is not understood`, {
      hint: `send one JSON object per line with cmd one of ${[...COMMANDS].join(', ')}`,
    });
  }
  if ((request.cmd === 'stop-container' || request.cmd === 'start-container') && typeof request.id !== 'string') {
    throw new BerthError('invalid', 'supervisor.bad-request', `the control request ${request.cmd} needs a container id`, { hint: 'add "id": "<container id>"' });
  }
  return request as ControlRequest;
}

/** The wire form of a thrown value. */
export function errorResponse(error: unknown): ControlResponse {
  const e = error instanceof BerthError ? error
    : new BerthError('internal', 'internal.unexpected', error instanceof Error ? error.message : String(error), { hint: 'see the supervisor log' });
  return { ok: false, error: { errorClass: e.errorClass, code: e.code, message: e.message, hint: e.hint } };
}

/** The BerthError a failed response stands for, on the client side. */
export function responseError(error: ControlError): BerthError {
  return new BerthError(error.errorClass, error.code, error.message, { hint: error.hint });
}
