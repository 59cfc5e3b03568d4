/**
 * The `local` driver's options, as Docker's local driver reads them: none (a plain directory), `type: tmpfs`
 * (a tmpfs shared by every container using the volume, `o` its mount options), and `o: bind` with an
 * absolute `device` (the device directory is what containers see). Anything else (nfs, block devices,
 * `size` quotas, other drivers) is refused with an error naming the volume and the option. Pure.
 */
import { isAbsolute } from 'node:path';
import { BerthError } from '../../errors/index.js';

/** What backs a volume's content. */
export type VolumeBacking =
  | { kind: 'dir' }
  | { kind: 'bind'; device: string; readOnly: boolean }
  | { kind: 'tmpfs'; options: string[] };

const KNOWN_OPTS = new Set(['type', 'o', 'device']);
const TMPFS_OPTION = /^(size|mode|uid|gid|nr_inodes|nr_blocks)=[A-Za-z0-9.%]+$|^(ro|rw|noexec|nosuid|nodev|exec|suid|dev)$/;
const BIND_OPTION = /^(bind|rbind|ro|rw)$/;

function unsupported(volume: string, what: string, hint: string): BerthError {
  return new BerthError('invalid', 'volume.driver-unsupported', `volume ${volume}: ${what} is not supported`, { hint });
}

/** How a volume with `driver` and `driverOpts` is backed; throws for what berth cannot do. */
export function volumeBacking(volume: string, driver: string | undefined, driverOpts: Readonly<Record<string, string>>): VolumeBacking {
  if (driver !== undefined && driver !== 'local') {
    throw unsupported(volume, `driver ${driver}`, 'berth has only the `local` driver: remove `driver` or set it to `local`');
  }
  for (const key of Object.keys(driverOpts)) {
    if (!KNOWN_OPTS.has(key)) throw unsupported(volume, `driver_opts.${key}`, 'the local driver takes only `type`, `o` and `device`');
  }
  const type = driverOpts['type'] ?? '';
  const options = (driverOpts['o'] ?? '').split(',').map((o) => o.trim()).filter((o) => o !== '');
  const device = driverOpts['device'];
  if (type === '' && options.length === 0 && device === undefined) return { kind: 'dir' };
  if (type === 'tmpfs') return tmpfsBacking(volume, options);
  if (options.includes('bind') || options.includes('rbind')) return bindBacking(volume, type, options, device);
  throw unsupported(volume, `driver_opts type ${JSON.stringify(type)} with o ${JSON.stringify(options.join(','))}`,
    'berth\'s local driver supports `type: tmpfs` and `o: bind` with an absolute `device`; mount other filesystems on the host and bind them');
}

function tmpfsBacking(volume: string, options: string[]): VolumeBacking {
  const bad = options.find((o) => !TMPFS_OPTION.test(o));
  if (bad !== undefined) throw unsupported(volume, `tmpfs option ${JSON.stringify(bad)}`, 'use size=, mode=, uid=, gid=, nr_inodes= and the ro/noexec/nosuid/nodev flags');
  return { kind: 'tmpfs', options };
}

function bindBacking(volume: string, type: string, options: string[], device: string | undefined): VolumeBacking {
  if (type !== '' && type !== 'none') throw unsupported(volume, `type ${type} with o: bind`, 'set `type: none` (or leave it out) for a bind volume');
  const bad = options.find((o) => !BIND_OPTION.test(o));
  if (bad !== undefined) throw unsupported(volume, `bind option ${JSON.stringify(bad)}`, 'a bind volume takes only bind, rbind, ro and rw in `o`');
  if (device === undefined || !isAbsolute(device)) {
    throw new BerthError('invalid', 'volume.device-invalid', `volume ${volume}: a bind volume needs an absolute \`device\` path`, {
      hint: 'set driver_opts.device to the absolute host directory to use',
    });
  }
  return { kind: 'bind', device, readOnly: options.includes('ro') };
}
