/**
 * exec: a new process in a running container, through the helper's `exec` mode: it joins the container's
 * cgroup and namespaces (taken from its PID 1), applies the container's user, capability and rlimit
 * policy (overridable per exec), and returns the process's exit status.
 */
import { BerthError } from '../../errors/index.js';
import { runHelper } from '../../sys/helper-client.js';
import type { HelperRecord } from '../../sys/helper-records.js';
import { cgroupJoinRecords, execProcessRecords } from './helper-plan.js';
import type { RuntimeContext } from './runtime-context.js';
import { requireContainer } from './stop.js';

export interface ExecOptions {
  args: readonly string[];
  tty?: boolean | undefined;
  user?: string | undefined;
  cwd?: string | undefined;
  /** Extra `K=V` entries added to the container's environment. */
  env?: readonly string[] | undefined;
  stdio: 'inherit' | 'ignore';
}

const NAMESPACES = ['cgroup', 'ipc', 'uts', 'net', 'pid', 'mnt'];

/** Runs a process in container `id`; resolves to its exit code (128 + signal when killed). */
export async function execInContainer(ctx: RuntimeContext, id: string, options: ExecOptions): Promise<number> {
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
  };
  const records: HelperRecord[] = [
    ['id', id],
    ['join_pid', String(observed.record.pid)],
    ...NAMESPACES.map((ns): HelperRecord => ['join_ns', ns]),
    ...(cgroup === undefined ? [] : cgroupJoinRecords(cgroup, ctx.cgroups.mode)),
    ...execProcessRecords({ ...config, process }, options.args, options.tty === true),
  ];
  const result = await runHelper({ id, mode: 'exec', records, stdio: options.stdio, env: ctx.helperEnv });
  return result.exited?.code ?? result.exitCode ?? 255;
}
