/**
 * What a removed container may not leave behind, checked from outside: its state and data dirs, its
 * cgroup directories, its processes (zombies
 * waiting for the host's init to reap them count as gone), and any mount under the test's temp dir.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { processStartTime } from '../../process/proc-identity.js';
import { containerPaths } from '../container-paths.js';
import type { RuntimeContext } from '../runtime-context.js';

/** Descriptions of everything left of container `id` (empty when clean). */
export function leftovers(ctx: RuntimeContext, id: string, cgroupName: string, pids: readonly number[] = []): string[] {
  const found: string[] = [];
  const paths = containerPaths(ctx.roots, id);
  for (const dir of [paths.stateDir, paths.dataDir]) if (existsSync(dir)) found.push(`dir ${dir}`);
  for (const controller of readdirSync('/sys/fs/cgroup')) {
    const dir = join('/sys/fs/cgroup', controller, 'berth', cgroupName);
    if (existsSync(dir)) found.push(`cgroup ${dir}`);
  }
  for (const pid of pids) if (processStartTime(pid) !== undefined) found.push(`process ${pid}`);
  const mounts = readFileSync('/proc/self/mounts', 'utf8').split('\n').filter((l) => l.includes(ctx.roots.root) || l.includes(ctx.roots.run));
  found.push(...mounts.map((m) => `mount ${m}`));
  return found;
}
