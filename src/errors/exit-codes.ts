/**
 * Exit codes by error class, so scripts can tell bad input from a missing object or a broken machine.
 * 1 stays the generic failure Docker Compose users expect from any error.
 */
import type { ErrorClass } from './berth-error.js';

export const EXIT_CODES: Readonly<Record<ErrorClass, number>> = {
  invalid: 2,
  'not-found': 3,
  conflict: 4,
  precondition: 5,
  system: 6,
  internal: 70,
};

/** The process exit code for an error class. */
export function exitCodeFor(errorClass: ErrorClass): number {
  return EXIT_CODES[errorClass];
}
