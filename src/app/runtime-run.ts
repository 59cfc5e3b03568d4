/**
 * `berth runtime run`: one container from a rootfs directory, in the foreground (the caller's stdio,
 * SIGINT/SIGTERM/SIGHUP forwarded, removed after it exits) or detached. The id is the --name when given,
 * else random. Returns the id and, in the foreground, the container's exit status.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { BerthError } from '../errors/index.js';
import { killContainer, observeContainer, runContainer, type ContainerConfig, type ExitStatus, type NetworkSpec, type RuntimeContext } from '../runtime/container/index.js';
import { runtimeContext } from './runtime-context.js';
import { parseByteSize, parseEnv, parseNumber, parseUlimit } from './runtime-options.js';

export interface RuntimeRunRequest {
  rootfs: string;
  command: string[];
  name?: string | undefined;
  cgroupParent?: string | undefined;
  memory?: string | undefined;
  cpus?: string | undefined;
  pids?: string | undefined;
  hostname?: string | undefined;
  env: string[];
  user?: string | undefined;
  workdir?: string | undefined;
  ulimit: string[];
  capAdd: string[];
  capDrop: string[];
  privileged: boolean;
  readOnly: boolean;
  network: string;
  tty: boolean;
  init: boolean;
  detach: boolean;
}

export interface RuntimeRunResult {
  id: string;
  exit: ExitStatus | undefined;
}

function network(value: string): NetworkSpec {
  if (value === 'none') return { mode: 'none' };
  if (value === 'host') return { mode: 'host' };
  return { mode: 'join', path: resolve(value) };
}

/** The ContainerConfig of a request. */
export function runtimeRunConfig(request: RuntimeRunRequest, env: NodeJS.ProcessEnv = process.env): ContainerConfig {
  const rootfs = resolve(request.rootfs);
  if (!existsSync(rootfs)) {
    throw new BerthError('not-found', 'runtime.rootfs-not-found', `rootfs ${rootfs} does not exist`, { hint: 'give --rootfs a directory holding a root filesystem' });
  }
  const id = request.name ?? randomBytes(6).toString('hex');
  return {
    id,
    name: id,
    cgroupName: request.cgroupParent === undefined ? undefined : `${request.cgroupParent}/${id}`,
    rootfs: { kind: 'overlay', lowers: [rootfs] },
    readOnlyRootfs: request.readOnly,
    mounts: [],
    process: {
      args: request.command,
      env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ...parseEnv(request.env, env)],
      cwd: request.workdir, user: request.user, rlimits: request.ulimit.map(parseUlimit),
      capAdd: request.capAdd, capDrop: request.capDrop, privileged: request.privileged, tty: request.tty, init: request.init,
    },
    hostname: request.hostname,
    limits: {
      memory: request.memory === undefined ? undefined : parseByteSize('--memory', request.memory),
      cpus: request.cpus === undefined ? undefined : parseNumber('--cpus', request.cpus),
      pids: request.pids === undefined ? undefined : parseNumber('--pids', request.pids),
    },
    network: network(request.network),
    labels: {},
  };
}

/** Tells the monitor of an attached tty container that the caller's terminal changed size (it reads the new size itself). */
function forwardResize(ctx: RuntimeContext, id: string): void {
  const monitor = observeContainer(ctx.roots, id)?.record.monitorPid;
  try {
    if (monitor !== undefined) process.kill(monitor, 'SIGWINCH');
  } catch {
    // the monitor just exited: nothing to resize
  }
}

/** Runs the container; in the foreground, forwards the caller's termination signals and terminal size changes to it. */
export async function runtimeRun(request: RuntimeRunRequest): Promise<RuntimeRunResult> {
  const ctx = runtimeContext();
  const config = runtimeRunConfig(request);
  const forward = (signal: NodeJS.Signals): void => {
    try {
      killContainer(ctx, config.id, signal);
    } catch {
      // not started yet or already gone: nothing to forward to
    }
  };
  const signals: NodeJS.Signals[] = request.detach ? [] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, forward);
  const raw = request.tty && !request.detach && process.stdin.isTTY === true;
  const resize = (): void => forwardResize(ctx, config.id);
  if (request.tty && !request.detach) process.on('SIGWINCH', resize);
  if (raw) process.stdin.setRawMode(true);
  try {
    const result = await runContainer(ctx, config, { stdio: request.detach ? 'ignore' : 'inherit', foreground: !request.detach, remove: !request.detach });
    return { id: config.id, exit: result.exit };
  } finally {
    if (raw) process.stdin.setRawMode(false);
    for (const s of signals) process.off(s, forward);
    process.off('SIGWINCH', resize);
  }
}
