/**
 * A `tmpfs:` entry (`/run` or `/run:rw,exec,size=64m,mode=1777,uid=1000`) as a runtime tmpfs mount,
 * with the options Docker passes on: ro/rw, exec/noexec, suid/nosuid, dev/nodev, size, mode, uid, gid
 * and nr_inodes. As in Docker, noexec, nosuid and nodev unless the entry says otherwise. Any other
 * option, or a value that is not one, is an error naming the service and entry.
 */
import { BerthError } from '../errors/index.js';
import type { TmpfsMountSpec } from '../runtime/container/index.js';
import { parseByteSize } from '../spec/duration.js';

type Setter = (mount: TmpfsMountSpec, value: string) => boolean;

const FLAGS: Record<string, (mount: TmpfsMountSpec) => void> = {
  ro: (m) => { m.readOnly = true; },
  rw: (m) => { delete m.readOnly; },
  noexec: (m) => { m.noexec = true; },
  exec: (m) => { delete m.noexec; },
  suid: (m) => { m.suid = true; },
  nosuid: (m) => { delete m.suid; },
  dev: (m) => { m.dev = true; },
  nodev: (m) => { delete m.dev; },
};

const VALUES: Record<string, Setter> = {
  size: (m, v) => set(m, 'size', parseByteSize(v)),
  mode: (m, v) => set(m, 'mode', /^[0-7]{1,4}$/.test(v) ? parseInt(v, 8) : undefined),
  uid: (m, v) => set(m, 'uid', /^\d+$/.test(v) ? Number(v) : undefined),
  gid: (m, v) => set(m, 'gid', /^\d+$/.test(v) ? Number(v) : undefined),
  nr_inodes: (m, v) => set(m, 'nrInodes', parseByteSize(v)),
};

/** The tmpfs mount of `entry` in service `service`. */
export function tmpfsEntryMount(service: string, entry: string): TmpfsMountSpec {
  const [target = entry, options = ''] = entry.split(/:(.*)/s);
  if (!target.startsWith('/')) {
    throw new BerthError('invalid', 'service.tmpfs-target', `service ${service}: tmpfs ${entry}: the target must be an absolute path`, {
      hint: 'write /path[:options]; in a flow list, quote an entry whose options hold commas',
    });
  }
  const mount: TmpfsMountSpec = { type: 'tmpfs', target, noexec: true };
  for (const option of options.split(',').filter((o) => o !== '')) {
    const [key = '', value] = option.split(/=(.*)/s);
    const flag = value === undefined ? FLAGS[key] : undefined;
    if (flag !== undefined) {
      flag(mount);
      continue;
    }
    const setter = value === undefined ? undefined : VALUES[key];
    if (setter === undefined || !setter(mount, value ?? '')) throw badOption(service, entry, option, key in VALUES);
  }
  return mount;
}

function set(mount: TmpfsMountSpec, key: 'size' | 'mode' | 'uid' | 'gid' | 'nrInodes', value: number | undefined): boolean {
  if (value === undefined) return false;
  mount[key] = value;
  return true;
}

function badOption(service: string, entry: string, option: string, known: boolean): BerthError {
  const what = known ? 'has no value berth can read' : 'is not a tmpfs option berth knows';
  return new BerthError('invalid', 'service.tmpfs-option', `service ${service}: tmpfs ${entry}: option ${option} ${what}`, {
    hint: 'use ro, rw, exec, noexec, suid, nosuid, dev, nodev, size=64m, mode=1777 (octal), uid=N, gid=N or nr_inodes=N',
  });
}
