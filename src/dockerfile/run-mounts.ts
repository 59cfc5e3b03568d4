/**
 * `RUN --mount=type=cache,target=/root/.cache,id=x,sharing=locked` read into a typed RunMount, with
 * BuildKit's key names and aliases (dst/destination, src, ro/readonly, rw). Values stay unexpanded
 * here; substitution expands each field later, as BuildKit does.
 */
import type { RunMount } from './model.js';

const TYPES = new Set<RunMount['type']>(['bind', 'cache', 'tmpfs', 'secret', 'ssh']);
const SHARING = new Set<string>(['shared', 'private', 'locked']);
const STRING_KEYS: Record<string, 'target' | 'source' | 'from' | 'id' | 'mode' | 'uid' | 'gid' | 'size' | 'env'> = {
  target: 'target', dst: 'target', destination: 'target',
  source: 'source', src: 'source',
  from: 'from', id: 'id', mode: 'mode', uid: 'uid', gid: 'gid', size: 'size', env: 'env',
};

/** The mount a --mount value describes, or a sentence saying what is wrong with it. */
export function parseRunMount(spec: string): RunMount | string {
  const mount: RunMount = { type: 'bind' };
  for (const field of csvFields(spec)) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? undefined : field.slice(eq + 1);
    const problem = setField(mount, key, value);
    if (problem !== undefined) return problem;
  }
  if (mount.target === undefined && mount.type !== 'secret' && mount.type !== 'ssh') return `a ${mount.type} mount needs target=<path>`;
  return mount;
}

function setField(mount: RunMount, key: string, value: string | undefined): string | undefined {
  if (key === 'type') {
    if (value === undefined || !TYPES.has(value as RunMount['type'])) return `mount type '${value ?? ''}' is not one of bind, cache, tmpfs, secret, ssh`;
    mount.type = value as RunMount['type'];
  } else if (key === 'readonly' || key === 'ro' || key === 'rw' || key === 'readwrite' || key === 'required') {
    const flag = value === undefined || value.toLowerCase() === 'true' ? true : value.toLowerCase() === 'false' ? false : undefined;
    if (flag === undefined) return `mount option '${key}' takes true or false, not '${value ?? ''}'`;
    if (key === 'required') mount.required = flag;
    else mount.readonly = key === 'rw' || key === 'readwrite' ? !flag : flag;
  } else if (key === 'sharing') {
    if (value === undefined || (!SHARING.has(value) && !value.includes('$'))) return `mount sharing '${value ?? ''}' is not one of shared, private, locked`;
    mount.sharing = value as NonNullable<RunMount['sharing']>;
  } else {
    const field = STRING_KEYS[key];
    if (field === undefined) return `unknown mount option '${key}'`;
    if (value === undefined) return `mount option '${key}' needs a value`;
    mount[field] = value;
  }
  return undefined;
}

/** Comma-separated fields; double quotes protect commas, as in CSV. */
function csvFields(spec: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (const ch of spec) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields.filter((f) => f.trim() !== '');
}
