/** The errors layer: BerthError, warnings, exit codes and the printer. Imports nothing. */
export { BerthError, asBerthError, isBerthError } from './berth-error.js';
export type { BerthErrorOptions, ErrorClass, SourceLocation } from './berth-error.js';
export type { BerthWarning } from './warning.js';
export { EXIT_CODES, exitCodeFor } from './exit-codes.js';
export { formatError, formatLocation, formatWarning } from './format.js';
export type { FormatOptions } from './format.js';
