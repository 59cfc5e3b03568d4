/**
 * exec: a new process in a running container, through the helper's `exec` mode: it joins the container's
 * cgroup and namespaces (taken from its PID 1), applies the container's user, capability and rlimit
 * policy (overridable per exec), and returns the process's exit status. exec-capture.ts is the form that
 * keeps the output and can be aborted; both build their records here.
 */
import { BerthError } from '../../errors/index.js';
import { runHelper } from '../../sys/helper-client.js';
import type { HelperRecord } from '../../sys/helper-records.js';
import { cgroupJoinRecords, execProcessRecords } from './helper-plan.js';
import type { RuntimeContext } from './runtime-context.js';
import { requireContainer } from './stop.js';

/** What runs and as whom: what every form of exec shares. */
export interface ExecProcessOptions {
  args: readonly string[];
  tty?: boolean | undefined;
  user?: string | undefined;
  cwd?: string | undefined;
  /** Extra `K=V` entries added to the container's environment. */
  env?: readonly string[] | undefined;
  /** Every capability the caller has (and no namespace-creation block), whatever the container keeps. */
  privileged?: boolean | undefined;
}

export interface ExecOptions extends ExecProcessOptions {
  stdio: 'inherit' | 'ignore';
}

const NAMESPACES = ['cgroup', 'ipc', 'uts', 'net', 'pid', 'mnt'];

/** The helper records of an exec in container `id`; a precondition error when it is not running. */
export function execRecords(ctx: RuntimeContext, id: string, options: ExecProcessOptions): HelperRecord[] {
  const observed = requireContainer(ctx, id);
  if (!observed.running || observed.record.pid === undefined) {
    throw new BerthError('precondition', 'container.not-running', `container ${id} is not running`, { hint: `start it first; its status is ${observed.status}` });
  }
  const config = observed.record.config;
  const cgroup = ctx.cgroups.open(observed.record.cgroupName);
  const process = {
    ...config.process,
    user: options.user ?? config.process.user,
    cwd: options.cwd ?? config.process.cwd,
    env: [...config.process.env, ...(options.env ?? [])],
    privileged: options.privileged === true || config.process.privileged,
  };
  return [
    ['id', id],
    ['join_pid', String(observed.record.pid)],
    ...NAMESPACES.map((ns): HelperRecord => ['join_ns', ns]),
    ...(cgroup === undefined ? [] : cgroupJoinRecords(cgroup, ctx.cgroups.mode)),
    ...execProcessRecords({ ...config, process }, options.args, options.tty === true),
  ];
}

/** Runs a process in container `id`; resolves to its exit code (128 + signal when killed). */
export async function execInContainer(ctx: RuntimeContext, id: string, options: ExecOptions): Promise<number> {
  const records = execRecords(ctx, id, options);
  const result = await runHelper({ id, mode: 'exec', records, stdio: options.stdio, env: ctx.helperEnv });
  return result.exited?.code ?? result.exitCode ?? 255;
}
