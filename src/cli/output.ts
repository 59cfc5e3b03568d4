/**
 * The CLI's only writer of errors and warnings: each is printed once, to stderr, with colour when the
 * terminal takes it.
 */
import { formatError, formatWarning, exitCodeFor, asBerthError, type BerthWarning } from '../errors/index.js';
import { useColor, type AnsiMode } from './global-options.js';

/** Prints warnings to stderr. */
export function printWarnings(warnings: readonly BerthWarning[], ansi: AnsiMode): void {
  const color = useColor(ansi, process.stderr);
  for (const w of warnings) process.stderr.write(`${formatWarning(w, color)}\n`);
}

/** Prints an error to stderr and returns the exit code for it. */
export function printError(error: unknown, ansi: AnsiMode, debug: boolean): number {
  const color = useColor(ansi, process.stderr);
  process.stderr.write(`${formatError(error, { color, debug })}\n`);
  const berthError = asBerthError(error);
  return berthError.exitCode ?? exitCodeFor(berthError.errorClass);
}
