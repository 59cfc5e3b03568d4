/**
 * The one error type of berth. Every failure a user can meet is a BerthError with a stable `code`
 * (dotted, lowercase: `spec.invalid-template`), a class that decides the exit code, a lowercase message
 * naming the object, a hint saying what to do, and, for input errors, where in which file it comes from.
 * Errors are thrown where they happen and printed once, by the CLI.
 */

/** What kind of failure this is; the class decides the exit code and tells callers what to do. */
export type ErrorClass = 'invalid' | 'not-found' | 'conflict' | 'precondition' | 'system' | 'internal';

/** Where in a source file an error comes from (1-based line and column). */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
  /** Dotted path of the node in the Compose model, e.g. `services.web.ports[1]`. */
  path?: string;
  /** The whole source line, shown under the message with a caret. */
  lineText?: string;
  /** How many characters the caret underline spans (default 1). */
  length?: number;
}

export interface BerthErrorOptions {
  hint?: string | undefined;
  location?: SourceLocation | undefined;
  cause?: unknown;
  /** Extra lines printed after the message (e.g. a second location, a probe's output). */
  details?: string[] | undefined;
  /** An exit code a convention fixes (126/127 for a command that cannot run), instead of the class's. */
  exitCode?: number | undefined;
}

export class BerthError extends Error {
  readonly errorClass: ErrorClass;
  readonly code: string;
  readonly hint: string | undefined;
  readonly location: SourceLocation | undefined;
  readonly details: string[];
  readonly exitCode: number | undefined;

  constructor(errorClass: ErrorClass, code: string, message: string, options: BerthErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BerthError';
    this.errorClass = errorClass;
    this.code = code;
    this.hint = options.hint;
    this.location = options.location;
    this.details = options.details ?? [];
    this.exitCode = options.exitCode;
  }
}

/** Whether a value is a BerthError (also across module copies, by shape). */
export function isBerthError(value: unknown): value is BerthError {
  return value instanceof BerthError;
}

/** Wraps any thrown value as a BerthError of class `internal` unless it already is one. */
export function asBerthError(value: unknown): BerthError {
  if (value instanceof BerthError) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new BerthError('internal', 'internal.unexpected', message, {
    hint: 'this is a bug in berth: run again with --debug and report the output',
    cause: value,
  });
}
