/**
 * Turns the kernel's "out of inotify resources" failures into errors that name the setting to raise:
 * ENOSPC means `fs.inotify.max_user_watches` (one watch per directory and file) is used up, EMFILE means
 * `fs.inotify.max_user_instances` (or the open-files limit) is. Other errors pass through as system errors.
 */
import { readFileSync } from 'node:fs';
import { BerthError } from '../errors/index.js';

/** The BerthError for a watcher failure `error` met while watching under `roots`. */
export function watcherError(error: unknown, roots: readonly string[]): BerthError {
  if (error instanceof BerthError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const where = roots.join(', ');
  if (code === 'ENOSPC') return limitError('watches', where, 524288, 'or add large directories (node_modules, build output) to the rule\'s `ignore`', error);
  if (code === 'EMFILE') return limitError('instances', where, 512, 'or raise the open-files limit (ulimit -n) if that is lower', error);
  const message = error instanceof Error ? error.message : String(error);
  return new BerthError('system', 'watch.watcher-failed', `watching ${where} failed: ${message}`, { hint: 'check that the watched paths are readable', cause: error });
}

function limitError(kind: 'watches' | 'instances', where: string, suggested: number, alternative: string, cause: unknown): BerthError {
  const setting = `fs.inotify.max_user_${kind}`;
  const current = currentLimit(setting);
  return new BerthError('precondition', `watch.inotify-${kind}`, `the system's limit of inotify ${kind} is reached while watching ${where} (${setting} = ${current})`, {
    hint: `raise it with \`sysctl -w ${setting}=${suggested}\` (persist it in /etc/sysctl.d/), ${alternative}`,
    cause,
  });
}

function currentLimit(setting: string): string {
  try {
    return readFileSync(`/proc/sys/${setting.replaceAll('.', '/')}`, 'utf8').trim();
  } catch {
    return 'unknown';
  }
}
