/**
 * The "other verbs" CLI tests' fixture: temp state roots, the busybox test image, and containers made
 * straight through the runtime API with the Compose labels the plan would give them (project, service,
 * number, oneoff), so logs/exec/stop/cp… are tested without `up`. Cgroups go under berth/vb-<tag>;
 * cleanup() removes every container, the cgroup parent and the temp dir, even after a failed test.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cgroupDriver } from '../../runtime/cgroup/index.js';
import { createContainer, deleteContainer, observe, startContainer, type ContainerConfig, type RuntimeContext } from '../../runtime/container/index.js';
import { buildBusyboxImage } from '../../runtime/container/test-support/busybox-image.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/berth.js');

/** One test file's world. */
export interface VerbFixture {
  dir: string;
  ctx: RuntimeContext;
  env: NodeJS.ProcessEnv;
  project: string;
  /** Creates (and unless `created`, starts) replica `number` of `service` running `args`. */
  container(service: string, args: string[], options?: { number?: number; created?: boolean; process?: Partial<ContainerConfig['process']> }): Promise<ContainerConfig>;
  /** Runs `berth -p <project> …args` to its end, in the fixture's dir. */
  berth(...args: string[]): SpawnSyncReturns<string>;
  /** Runs `berth -p <project> …args` without blocking this process (which may host a supervisor). */
  berthAsync(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }>;
  /** Starts `berth -p <project> …args` without waiting. */
  spawnBerth(...args: string[]): ReturnType<typeof spawn>;
  cleanup(): Promise<void>;
}

/** Makes the fixture of one test file; `tag` keeps its ids, project and cgroups apart. */
export function makeVerbFixture(tag: string): VerbFixture {
  for (const built of ['dist/src/cli/main.js', 'native/build/berth-helper']) {
    if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` before this test`);
  }
  const dir = mkdtempSync(join(tmpdir(), `berth-vb-${tag}-`));
  const roots = { root: join(dir, 'root'), run: join(dir, 'run') };
  const ctx: RuntimeContext = { roots, cgroups: cgroupDriver() };
  const env = { ...process.env, BERTH_ROOT: roots.root, BERTH_RUN: roots.run, NO_COLOR: '1' };
  const rootfs = buildBusyboxImage(dir);
  const project = `vb-${tag}`;
  const parent = `vb-${tag}`;
  return {
    dir, ctx, env, project,
    async container(service, args, options = {}) {
      const number = options.number ?? 1;
      const id = `vb-${tag}-${service}-${number}`;
      const config: ContainerConfig = {
        id, name: `${project}-${service}-${number}`, rootfs: { kind: 'overlay', lowers: [rootfs] }, mounts: [],
        process: { args, env: ['PATH=/bin'], ...options.process }, limits: { memory: 64 * 1024 * 1024, pids: 64 },
        network: { mode: 'none' }, cgroupName: `${parent}/${id}`,
        labels: {
          'com.docker.compose.project': project, 'com.docker.compose.service': service,
          'com.docker.compose.container-number': String(number), 'com.docker.compose.oneoff': 'False',
          'com.docker.compose.config-hash': 'test',
        },
      };
      createContainer(ctx, config);
      if (options.created !== true) await startContainer(ctx, id, { stdio: 'ignore', foreground: false });
      return config;
    },
    berth: (...args) => spawnSync(process.execPath, [BIN, '-p', project, ...args], { cwd: dir, env, encoding: 'utf8', timeout: 30_000 }),
    berthAsync: (...args) => new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, '-p', project, ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
      child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    }),
    spawnBerth: (...args) => spawn(process.execPath, [BIN, '-p', project, ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] }),
    async cleanup() {
      for (const c of observe(roots)) await deleteContainer(ctx, c.id, { force: true });
      for (const name of ctx.cgroups.list(`${parent}/`)) ctx.cgroups.open(name)?.destroy();
      for (const controller of readdirSync('/sys/fs/cgroup')) {
        try {
          rmdirSync(join('/sys/fs/cgroup', controller, 'berth', parent));
        } catch {
          // absent in this hierarchy
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
