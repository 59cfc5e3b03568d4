/**
 * `berth cp`: copies between the host and a service container, `service:path` naming the container side.
 * The container side is reached through its PID 1's root (/proc/<pid>/root, which also shows its
 * volumes and tmpfs mounts) and confined to it: paths resolve inside the root and symlinks never lead
 * out (runtime/rootfs). Docker's rules for the destination: an existing directory receives the source
 * under its own name, `src/.` copies a directory's contents. Returns what was copied; never prints.
 */
import { lstat } from 'node:fs/promises';
import { basename, join, posix } from 'node:path';
import { BerthError } from '../errors/index.js';
import { observeContainer } from '../runtime/container/index.js';
import { copyIn, type CopyInReport } from '../runtime/rootfs/confined-write.js';
import { copyOut, type CopyOutReport } from '../runtime/rootfs/confined-read.js';
import { serviceContainer } from './compose/container-selection.js';
import type { ProjectOptions } from './project-loader.js';

/** One side of a copy: a host path, or a path in a service's container. */
export type CopySide = { kind: 'host'; path: string } | { kind: 'container'; service: string; path: string };

/** What `cp` did. */
export type CopyResult = { direction: 'in'; container: string; report: CopyInReport } | { direction: 'out'; container: string; report: CopyOutReport };

/** Parses `service:path` (a container side) or a host path (`./a:b` stays a host path). */
export function parseCopySide(text: string): CopySide {
  const colon = text.indexOf(':');
  const service = text.slice(0, colon);
  if (colon > 0 && !service.includes('/') && !service.startsWith('.')) return { kind: 'container', service, path: text.slice(colon + 1) || '/' };
  return { kind: 'host', path: text };
}

/** `cp`'s flags: the replica (`--index`), owners (`-a`), and following a source symlink (`-L`). */
export interface CopyChoices {
  index?: number | undefined;
  archive?: boolean;
  followLink?: boolean;
}

/** Copies `source` to `dest`; exactly one of them names a container. */
export async function cp(projectOptions: ProjectOptions, source: string, dest: string, choices: CopyChoices = {}): Promise<CopyResult> {
  if (source === '-' || dest === '-') {
    throw new BerthError('invalid', 'cp.no-stream', 'berth cp does not read or write tar streams (-)', {
      hint: 'copy to or from a path, and use tar on the host if an archive is needed',
    });
  }
  const from = parseCopySide(source);
  const to = parseCopySide(dest);
  if ((from.kind === 'container') === (to.kind === 'container')) {
    throw new BerthError('invalid', 'cp.bad-paths', `cp needs exactly one container path, got ${source} and ${dest}`, {
      hint: 'write the container side as service:path, e.g. berth cp ./file web:/tmp/',
    });
  }
  const side = from.kind === 'container' ? from : to as Extract<CopySide, { kind: 'container' }>;
  const { cc, container } = serviceContainer(projectOptions, side.service, choices.index);
  const observed = observeContainer(cc.roots, container.id);
  if (observed?.running !== true || observed.record.pid === undefined) {
    throw new BerthError('precondition', 'cp.not-running', `container ${container.name} is not running`, { hint: `start it first: berth start ${side.service}` });
  }
  const rootDir = `/proc/${observed.record.pid}/root`;
  const options = { archive: choices.archive === true, followLink: choices.followLink === true };
  if (from.kind === 'container') return { direction: 'out', container: container.name, report: await copyOut(rootDir, from.path, await hostTarget(from.path, to.path), options) };
  return { direction: 'in', container: container.name, report: await copyIn(rootDir, from.path, side.path, options) };
}

/** The host path a container source lands at: inside an existing directory, under its own name. */
async function hostTarget(source: string, dest: string): Promise<string> {
  const stats = await lstat(dest).catch(() => undefined);
  if (stats?.isDirectory() !== true) return dest;
  return posix.basename(source) === '.' || source.endsWith('/.') ? dest : join(dest, basename(source));
}
