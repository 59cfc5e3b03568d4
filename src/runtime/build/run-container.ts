/**
 * The ContainerConfig of a RUN step: the stage's layers as overlay lowers (the container's upper dir
 * becomes the step's layer), the image's env with the build args RUN sees (ENV wins over ARG, as in
 * Docker), its USER and WORKDIR, cache mounts as persistent dirs under BERTH_ROOT/build-cache/mounts,
 * tmpfs and context bind mounts, and the step's network, the build's extra hosts, /dev/shm size and ulimits.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, utimesSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import type { InstructionOf, RunMount } from '../../dockerfile/index.js';
import { BerthError } from '../../errors/index.js';
import type { ContainerConfig, MountSpec, NetworkSpec } from '../container/container-config.js';
import type { StateRoots } from '../state-roots.js';
import type { BuildConfig, BuildRequest } from './build-types.js';
import { commandArgv } from './config-instructions.js';
import { buildCacheDir } from './step-cache.js';

const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** What a RUN container is made from. */
export interface RunInputs {
  id: string;
  lowers: readonly string[];
  config: BuildConfig;
  instruction: InstructionOf<'run'>;
  where: string;
  network: NetworkSpec;
}

/** The argv of a RUN: heredocs are appended to the shell script, so the shell feeds them as it would. */
export function runArgv(ins: InstructionOf<'run'>, config: BuildConfig): string[] {
  if (ins.command.form === 'exec' || ins.heredocs.length === 0) return commandArgv(ins.command, config);
  const bodies = ins.heredocs.map((h) => `${h.content}${h.content === '' || h.content.endsWith('\n') ? '' : '\n'}${h.name}\n`);
  return commandArgv({ form: 'shell', command: `${ins.command.command}\n${bodies.join('')}` }, config);
}

function runEnv(config: BuildConfig, ins: InstructionOf<'run'>): string[] {
  const env = [...(config.Env ?? [])];
  const names = new Set(env.map((e) => e.split('=')[0]));
  for (const arg of ins.buildArgs ?? []) if (!names.has(arg.name)) env.push(`${arg.name}=${arg.value}`);
  return env.some((e) => e.startsWith('PATH=')) ? env : [DEFAULT_PATH, ...env];
}

function mountOf(roots: StateRoots, request: BuildRequest, mount: RunMount, where: string, workdir: string): MountSpec {
  const target = posix.resolve(workdir, mount.target ?? '');
  if (mount.type === 'cache') {
    const id = createHash('sha256').update(mount.id ?? target).digest('hex').slice(0, 24);
    const source = buildCacheDir(roots, 'mounts', id);
    mkdirSync(source, { recursive: true });
    // Its mtime says when a RUN last used it: `berth builder prune` removes mounts unused for a week.
    const now = new Date();
    utimesSync(source, now, now);
    return { type: 'bind', source, target };
  }
  if (mount.type === 'tmpfs') return { type: 'tmpfs', target };
  if (mount.type === 'bind' && mount.from === undefined) {
    const source = resolve(request.context, (mount.source ?? '.').replace(/^\/+/, ''));
    if (!source.startsWith(request.context)) throw unsupported(where, 'a bind source outside the context');
    return { type: 'bind', source, target, readOnly: mount.readonly !== false };
  }
  return unsupported(where, `--mount=type=${mount.type}${mount.from === undefined ? '' : ',from='}`);
}

function unsupported(where: string, what: string): never {
  throw new BerthError('invalid', 'build.mount-unsupported', `${where}: RUN ${what} is not supported by berth's builder`, {
    hint: 'use --mount=type=cache, type=tmpfs or type=bind (from the context), or COPY the files in an earlier step',
  });
}

/** The network mode of a RUN: its own `--network`, else the build's, else the default (build network). */
export function runNetworkMode(request: BuildRequest, ins: InstructionOf<'run'>): 'default' | 'none' | 'host' {
  return ins.network ?? request.network ?? 'default';
}

function hostsOf(request: BuildRequest, id: string): string {
  const extra = Object.entries(request.extraHosts ?? {}).map(([name, ip]) => `${ip}\t${name}\n`);
  return `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.1.1\t${id.slice(0, 12)}\n${extra.join('')}`;
}

/** The container config of one RUN step. */
export function runContainerConfig(roots: StateRoots, request: BuildRequest, inputs: RunInputs): ContainerConfig {
  const { config, instruction: ins } = inputs;
  const workdir = config.WorkingDir || '/';
  return {
    id: inputs.id,
    name: inputs.id,
    rootfs: { kind: 'overlay', lowers: inputs.lowers },
    mounts: ins.mounts.map((m) => mountOf(roots, request, m, inputs.where, workdir)),
    process: {
      args: runArgv(ins, config),
      env: runEnv(config, ins),
      cwd: workdir,
      user: config.User || undefined,
      rlimits: request.ulimits,
    },
    limits: {},
    network: inputs.network,
    shmSize: request.shmSize,
    hosts: hostsOf(request, inputs.id),
    labels: { 'berth.build.step': inputs.where },
  };
}
