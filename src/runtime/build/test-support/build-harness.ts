/**
 * Shared setup of the builder's integration tests: temp state roots with the runtime tests' busybox
 * image imported as `bd/busybox:test`, context directories written from a file map, a build call with
 * `<prefix>-<tag>` container ids and the test's own build network, a way to run a command in a built image,
 * and a cleanup that removes every container, cgroup, network and temp dir even after a failed test.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cgroupDriver } from '../../cgroup/index.js';
import { containerPaths, deleteContainer, observe, runContainer, type RuntimeContext } from '../../container/index.js';
import { buildBusyboxImage } from '../../container/test-support/busybox-image.js';
import { imageRootfs, importRootfs } from '../../image/index.js';
import { readNetworkRecord } from '../../network/network-record.js';
import { removeNetwork } from '../../network/networks.js';
import { deleteNetns, listNetns } from '../../network/netns.js';
import { buildImage } from '../image-builder.js';
import type { BuildNetworkOptions } from '../build-network.js';
import type { BuildEvent, BuildRequest, BuildResult } from '../build-types.js';

export const BASE = 'bd/busybox:test';

/** The build network of a test file: its own bridge, a /24 of 10.231.64.0/20, its own NAT table, no host forwarding. */
export function testNetwork(tag: string, third: number, prefix = 'bd'): BuildNetworkOptions {
  return { name: `${prefix}_${tag}`, bridge: `berth${prefix}-${tag}`.slice(0, 15), subnet: `10.231.${third}.0/24`, natTable: `berth-${prefix}-${tag}`, hostForwarding: false };
}

export interface BuildHarness {
  ctx: RuntimeContext;
  dir: string;
  network: BuildNetworkOptions;
  /** Writes `files` (path → text) into a fresh context dir; returns its path. */
  context(files: Record<string, string>): string;
  /** Builds with the Dockerfile at `<context>/Dockerfile`; `events` collects progress. */
  build(context: string, request?: Partial<BuildRequest>, events?: BuildEvent[]): Promise<BuildResult>;
  /** Runs `args` in image `ref` with its user and workdir; returns exit code and stdout. */
  run(ref: string, args: string[]): Promise<{ code: number; stdout: string }>;
  cleanup(): Promise<void>;
}

/** Sets up the harness of one test file; `prefix` starts its ids, cgroups, bridge and table names. */
export async function makeBuildHarness(tag: string, third = 64, prefix = 'bd'): Promise<BuildHarness> {
  const network = testNetwork(tag, third, prefix);
  const id = `${prefix}-${tag}`;
  const dir = mkdtempSync(join(tmpdir(), `berth-${id}-`));
  const ctx: RuntimeContext = { roots: { root: join(dir, 'root'), run: join(dir, 'run') }, cgroups: cgroupDriver() };
  await importRootfs(ctx.roots, buildBusyboxImage(join(dir, 'base')), BASE);
  let contexts = 0;
  let runs = 0;
  return {
    ctx,
    dir,
    network,
    context(files) {
      const root = join(dir, `ctx-${++contexts}`);
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      }
      mkdirSync(root, { recursive: true });
      return root;
    },
    build(context, request = {}, events = []) {
      const text = readFileSync(join(context, 'Dockerfile'), 'utf8');
      return buildImage(ctx, { context, dockerfile: { text, file: 'Dockerfile' }, tags: [], pull: 'never', ...request }, { idPrefix: id, network, listener: (e) => events.push(e) });
    },
    async run(ref, args) {
      const image = await imageRootfs(ctx.roots, ref);
      const run = `${id}-run-${++runs}`;
      const result = await runContainer(ctx, {
        id: run, name: run, rootfs: { kind: 'overlay', lowers: image.lowerDirs }, mounts: [], labels: {}, limits: {}, network: { mode: 'none' },
        process: { args, env: image.config.Env ?? ['PATH=/bin'], cwd: image.config.WorkingDir || '/', user: image.config.User || undefined },
      }, { stdio: 'ignore', foreground: true, remove: false });
      const log = readFileSync(containerPaths(ctx.roots, run).log, 'utf8');
      await deleteContainer(ctx, run, { force: true });
      const stdout = log.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { s: string; m: string }).filter((e) => e.s === 'stdout').map((e) => `${e.m}\n`).join('');
      return { code: result.exit?.code ?? -1, stdout };
    },
    async cleanup() {
      for (const c of observe(ctx.roots)) await deleteContainer(ctx, c.id, { force: true });
      const record = readNetworkRecord(ctx.roots, network.name!);
      if (record !== undefined) await removeNetwork(ctx.roots, record, network);
      for (const path of listNetns(ctx.roots)) deleteNetns(path);
      for (const controller of readdirSync('/sys/fs/cgroup')) {
        for (const name of readdirSafe(join('/sys/fs/cgroup', controller, 'berth')).filter((n) => n.startsWith(`${id}-`))) {
          rmdirSafe(join('/sys/fs/cgroup', controller, 'berth', name));
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readdirSafe(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

function rmdirSafe(path: string): void {
  try {
    rmdirSync(path);
  } catch {
    // busy or already gone: deleteContainer removed it
  }
}
