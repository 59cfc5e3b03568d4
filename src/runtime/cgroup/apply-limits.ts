/**
 * Writes limits to control files, in order, as a list of `LimitWrite`s computed by the pure
 * limit-writes-v1.ts / limit-writes-v2.ts. A write the kernel refuses becomes a BerthError naming the group,
 * the file, the value and the limit it came from; the caller then removes what it made.
 */
import { join } from 'node:path';
import { BerthError } from '../../errors/index.js';
import type { CgroupLimits } from './cgroup.js';
import { errnoCode, writeControl } from './cgroup-files.js';

/** One control-file write: which limit asked for it, in which controller's directory, what file and value. */
export interface LimitWrite {
  limit: keyof CgroupLimits;
  controller: string;
  file: string;
  value: string;
}

/** Applies `writes` in order; `dirOf` gives the group's directory for a controller. */
export function applyLimitWrites(group: string, writes: readonly LimitWrite[], dirOf: (controller: string) => string): void {
  for (const write of writes) {
    const path = join(dirOf(write.controller), write.file);
    try {
      writeControl(path, write.value);
    } catch (error) {
      throw refused(group, write, path, error);
    }
  }
}

function refused(group: string, write: LimitWrite, path: string, error: unknown): BerthError {
  const code = errnoCode(error) ?? 'unknown error';
  const reason = code !== 'ENOENT'
    ? code
    : write.limit === 'memorySwap'
      ? `${write.file} does not exist (swap accounting is off: boot with swapaccount=1, or drop the swap limit)`
      : `${write.file} does not exist (is the ${write.controller} controller enabled?)`;
  return new BerthError(
    code === 'EINVAL' || code === 'ERANGE' ? 'invalid' : 'system',
    'cgroup.limit-refused',
    `cgroup ${group}: the kernel refused ${write.limit} ${JSON.stringify(write.value)} in ${path}: ${reason}`,
    { hint: `change ${write.limit} to a value this machine accepts, or remove it`, cause: error },
  );
}
