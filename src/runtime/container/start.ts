/**
 * Starting a created container: the helper detaches a monitor that clones the container into its
 * namespaces and cgroup; the `started` event's pids (with their start times, against pid reuse) are
 * recorded at once. In the foreground the call returns when the container has exited, with its status.
 */
import { BerthError } from '../../errors/index.js';
import { runHelper, type HelperEvent } from '../../sys/helper-client.js';
import { writeJsonAtomic } from '../state/atomic-file.js';
import type { ContainerRecord } from '../state/container-record.js';
import { observeContainer } from '../state/observe.js';
import { processStartTime } from '../process/proc-identity.js';
import { containerPaths } from './container-paths.js';
import { runRecords } from './helper-plan.js';
import type { RuntimeContext } from './runtime-context.js';

export interface StartOptions {
  /** Pass the caller's stdio to the container (and copy its output back) instead of /dev/null. */
  stdio: 'inherit' | 'ignore';
  /** Wait for the container to exit and return its status. */
  foreground: boolean;
}

/** How a container ended. */
export interface ExitStatus {
  code: number;
  signal: number;
  oomKilled: boolean;
}

export interface StartResult {
  record: ContainerRecord;
  /** Set in the foreground. */
  exit: ExitStatus | undefined;
}

function startedRecord(record: ContainerRecord, event: HelperEvent): ContainerRecord {
  const pid = event.pid ?? 0;
  const monitorPid = event.monitor ?? 0;
  return {
    ...record, status: 'started', pid, pidStart: processStartTime(pid), monitorPid,
    monitorStart: processStartTime(monitorPid), startedAt: new Date().toISOString(),
  };
}

/** Starts created container `id`. */
export async function startContainer(ctx: RuntimeContext, id: string, options: StartOptions): Promise<StartResult> {
  const observed = observeContainer(ctx.roots, id);
  if (observed === undefined) throw new BerthError('not-found', 'container.not-found', `container ${id} not found`, { hint: 'list containers with `berth runtime ps`' });
  if (observed.status !== 'created') {
    throw new BerthError('conflict', 'container.already-started', `container ${id} was already started`, { hint: 'create a new container to run it again' });
  }
  const paths = containerPaths(ctx.roots, id);
  const cgroup = ctx.cgroups.open(observed.record.cgroupName);
  if (cgroup === undefined) throw new BerthError('precondition', 'container.cgroup-missing', `the cgroup of container ${id} is gone`, { hint: `remove the container (berth runtime rm ${id}) and create it again` });
  const records = runRecords(observed.record.config, paths, cgroup, ctx.cgroups.mode, {
    attach: options.stdio === 'inherit' && options.foreground,
    syncKeep: options.foreground,
  });
  let record = observed.record;
  const result = await runHelper({
    id, mode: 'run', records, stdio: options.stdio, env: ctx.helperEnv,
    onStarted: (event) => {
      record = startedRecord(observed.record, event);
      writeJsonAtomic(paths.record, record);
    },
  });
  const exited = result.exited;
  const exit = exited === undefined ? undefined : { code: exited.code ?? 0, signal: exited.signal ?? 0, oomKilled: exited.oomKilled ?? false };
  return { record, exit };
}
