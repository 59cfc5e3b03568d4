/**
 * Errors of the image store's file writes turned into BerthErrors that say what to do: a full disk is
 * its own error (the pull or load is abandoned and its staging removed), other errors pass through.
 */
import { BerthError, isBerthError } from '../../errors/index.js';

/** Rethrows `error` as a BerthError when it is a file-system failure berth can explain. */
export function storeWriteError(error: unknown, what: string): unknown {
  if (isBerthError(error)) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new BerthError('system', 'image.disk-full', `no space left to store ${what}`, {
      hint: 'free disk space (berth image prune removes unused images) and try again',
      cause: error,
    });
  }
  return error;
}
