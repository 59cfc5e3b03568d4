/**
 * The error of a command that could not start in a container (`exec`, `run`), in the words and with the
 * exit codes of docker run and a shell: 127 when the command is not found, 126 when it cannot be
 * executed. Other errors pass through unchanged.
 */
import { BerthError, isBerthError } from '../../errors/index.js';

const EXIT_CODES: Readonly<Record<string, number>> = { 'container.command-not-found': 127, 'container.command-not-executable': 126 };

/** `error` restated for `command` in container `container`, when it says the command could not start. */
export function commandError(error: unknown, container: string, command: string | undefined): unknown {
  const exitCode = isBerthError(error) ? EXIT_CODES[error.code] : undefined;
  if (!isBerthError(error) || exitCode === undefined) return error;
  const shown = JSON.stringify(command ?? '');
  const why = exitCode === 126 ? 'permission denied' : command?.includes('/') === true ? 'no such file or directory' : 'executable file not found in $PATH';
  return new BerthError(error.errorClass, error.code, `cannot run ${shown} in container ${container}: ${why}`, { hint: error.hint, cause: error, details: error.details, exitCode });
}
