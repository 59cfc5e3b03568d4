/**
 * tmpfs mounts in plain terms: the `tmpfs:` short entries (`/run`, `/run:rw,size=64m,mode=1777`) and byte
 * sizes as Docker reads them (`65536k`, `64m`, `1g`, binary multiples). Options the runtime cannot apply
 * (noexec, uid=, …) are refused with an error naming the entry rather than silently dropped. Pure.
 */
import { isAbsolute } from 'node:path';
import { BerthError } from '../../errors/index.js';

/** A tmpfs mount: target, size in bytes, permission bits, read-only. */
export interface TmpfsMount {
  target: string;
  size?: number | undefined;
  mode?: number | undefined;
  readOnly?: boolean | undefined;
}

const SIZE = /^(\d+(?:\.\d+)?) ?([kmgtp])?i?b?$/i;
const MULTIPLIER: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };
// nosuid and nodev are what the runtime always sets on a tmpfs, so asking for them changes nothing.
const IMPLIED = new Set(['nosuid', 'nodev', 'rw']);

/** Bytes of a size written as a number or `64m`-style text; `what` names it in the error. */
export function parseSize(value: number | string, what: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  const match = typeof value === 'string' ? SIZE.exec(value.trim()) : null;
  if (match === null) {
    throw new BerthError('invalid', 'mount.invalid-size', `${what}: size ${JSON.stringify(value)} is not valid`, {
      hint: 'write a byte count or a number with a unit, such as 65536k, 64m or 1g',
    });
  }
  return Math.floor(Number(match[1]) * MULTIPLIER[(match[2] ?? '').toLowerCase()]!);
}

/** One `tmpfs:` short entry of `owner` (e.g. `service web`) as a TmpfsMount. */
export function parseTmpfsEntry(entry: string, owner: string): TmpfsMount {
  const colon = entry.indexOf(':');
  const target = colon < 0 ? entry : entry.slice(0, colon);
  const what = `${owner} tmpfs ${target}`;
  if (!isAbsolute(target)) {
    throw new BerthError('invalid', 'mount.relative-target', `${what}: the target must be an absolute path`, { hint: 'write the path inside the container starting with /' });
  }
  const mount: TmpfsMount = { target };
  for (const option of (colon < 0 ? '' : entry.slice(colon + 1)).split(',').filter((o) => o !== '')) {
    const [key = '', value] = option.split('=', 2);
    if (key === 'ro') mount.readOnly = true;
    else if (key === 'size' && value !== undefined) mount.size = parseSize(value, what);
    else if (key === 'mode' && value !== undefined && /^[0-7]{1,4}$/.test(value)) mount.mode = parseInt(value, 8);
    else if (!IMPLIED.has(option)) {
      throw new BerthError('invalid', 'mount.tmpfs-option-unsupported', `${what}: option ${JSON.stringify(option)} is not supported`, {
        hint: 'berth applies ro, size= and mode= (octal) to a tmpfs; remove the other options',
      });
    }
  }
  return mount;
}
