/**
 * `volumes_from`: the mounts a container takes from another, as Docker gives them. Each entry names a
 * service (`svc`, `service:svc`: its first container) or a container (`container:name`), with an optional
 * `:ro` or `:rw` that overrides every copied mount's mode. The copied mounts are the source's binds (its
 * bind mounts, named and anonymous volumes, secrets and configs): a tmpfs is the source's own.
 */
import { BerthError } from '../../errors/index.js';
import { observe, observeContainer, type MountSpec } from '../../runtime/container/index.js';
import type { StateRoots } from '../../runtime/state-roots.js';
import type { Service } from '../../spec/model.js';

/** The mounts service `service` takes through its volumes_from, in entry order (a later entry's target never replaces an earlier one's). */
export function volumesFromMounts(roots: StateRoots, service: Service, containerOf: (service: string) => string | undefined): MountSpec[] {
  const out: MountSpec[] = [];
  const entries = service['volumes_from'];
  for (const entry of Array.isArray(entries) ? entries.filter((e): e is string => typeof e === 'string') : []) {
    const { kind, name, mode } = parseEntry(service, entry);
    const id = kind === 'service' ? containerOf(name) : observe(roots).find((c) => c.name === name)?.id;
    const source = id === undefined ? undefined : observeContainer(roots, id);
    if (source === undefined) throw missingSource(service, entry, kind, name);
    for (const mount of source.record.config.mounts) {
      if (mount.type !== 'bind' || out.some((m) => m.target === mount.target)) continue;
      const { readOnly: _readOnly, ...rest } = mount;
      out.push(mode === undefined ? mount : mode === 'ro' ? { ...rest, readOnly: true } : rest);
    }
  }
  return out;
}

function parseEntry(service: Service, entry: string): { kind: 'service' | 'container'; name: string; mode: 'ro' | 'rw' | undefined } {
  const parts = entry.split(':');
  const kind = parts[0] === 'container' ? 'container' : 'service';
  if (parts[0] === 'container' || parts[0] === 'service') parts.shift();
  const [name = '', mode, ...rest] = parts;
  if (name === '' || rest.length > 0 || (mode !== undefined && mode !== 'ro' && mode !== 'rw')) {
    throw new BerthError('invalid', 'service.volumes-from', `service ${service.name}: volumes_from entry ${JSON.stringify(entry)} is not [service:|container:]NAME[:ro|:rw]`, {
      hint: 'write volumes_from: [other-service] or [container:name:ro]',
    });
  }
  return { kind, name, mode };
}

function missingSource(service: Service, entry: string, kind: 'service' | 'container', name: string): BerthError {
  const what = kind === 'service' ? `service ${name} has no container` : `container ${name} does not exist`;
  return new BerthError('precondition', 'service.volumes-from-missing', `service ${service.name}: volumes_from ${entry}: ${what}`, {
    hint: kind === 'service' ? `create ${name} first (berth up ${name}), or drop it from volumes_from` : `create container ${name} first, or drop it from volumes_from`,
  });
}
