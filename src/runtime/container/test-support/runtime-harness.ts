/**
 * Shared setup of the runtime's integration tests: temp state roots, the busybox image, a config builder
 * with the test's own cgroup parent (`berth/<prefix>-test-<tag>`), and a cleanup that removes every container,
 * the cgroup parent and the temp dirs, even after a failed test.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cgroupDriver } from '../../cgroup/index.js';
import type { ContainerConfig } from '../container-config.js';
import { containerPaths } from '../container-paths.js';
import { deleteContainer } from '../delete.js';
import { runContainer } from '../run.js';
import type { RuntimeContext } from '../runtime-context.js';
import { observe } from '../../state/observe.js';
import { buildBusyboxImage } from './busybox-image.js';

export interface Harness {
  ctx: RuntimeContext;
  rootfs: string;
  dir: string;
  /** A config running `args` in the busybox image, with id `<prefix>-<tag>-<n>`. */
  config(args: string[], overrides?: Partial<ContainerConfig>): ContainerConfig;
  /** Runs `args` to completion (not removed) and returns its exit status and stdout from the log. */
  runToEnd(config: ContainerConfig): Promise<{ code: number; oomKilled: boolean; stdout: string; stderr: string }>;
  cleanup(): Promise<void>;
}

/** The stdout and stderr text of a container's log file. */
export function readLog(path: string): { stdout: string; stderr: string } {
  const out = { stdout: '', stderr: '' };
  for (const line of readFileSync(path, 'utf8').split('\n').filter((l) => l !== '')) {
    const entry = JSON.parse(line) as { s: 'stdout' | 'stderr'; m: string };
    out[entry.s] += `${entry.m}\n`;
  }
  return out;
}

/** Makes the harness of one test file; `prefix` keeps ids and cgroups apart from other test areas. */
export function makeHarness(tag: string, prefix = 'rt'): Harness {
  const dir = mkdtempSync(join(tmpdir(), `berth-${prefix}-${tag}-`));
  const ctx: RuntimeContext = { roots: { root: join(dir, 'root'), run: join(dir, 'run') }, cgroups: cgroupDriver() };
  const rootfs = buildBusyboxImage(dir);
  let n = 0;
  return {
    ctx,
    rootfs,
    dir,
    config(args, overrides = {}) {
      const id = `${prefix}-${tag}-${++n}`;
      return {
        id, name: id, rootfs: { kind: 'overlay', lowers: [rootfs] }, mounts: [], labels: {},
        process: { args, env: ['PATH=/bin'] }, limits: { memory: 64 * 1024 * 1024, pids: 64 },
        network: { mode: 'none' }, cgroupName: `${prefix}-test-${tag}/${id}`, ...overrides,
      };
    },
    async runToEnd(config) {
      const result = await runContainer(ctx, config, { stdio: 'ignore', foreground: true, remove: false });
      const log = readLog(containerPaths(ctx.roots, config.id).log);
      await deleteContainer(ctx, config.id, { force: true });
      return { code: result.exit?.code ?? -1, oomKilled: result.exit?.oomKilled ?? false, ...log };
    },
    async cleanup() {
      for (const c of observe(ctx.roots)) await deleteContainer(ctx, c.id, { force: true });
      for (const name of ctx.cgroups.list(`${prefix}-test-${tag}/`)) ctx.cgroups.open(name)?.destroy();
      removeTestParents(`${prefix}-test-${tag}`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function removeTestParents(parent: string): void {
  for (const controller of readdirSync('/sys/fs/cgroup')) {
    try {
      rmdirSync(join('/sys/fs/cgroup', controller, 'berth', parent));
    } catch {
      // absent in this hierarchy, or a symlink to one already cleaned
    }
  }
}
