/**
 * Starting a created or stopped container: the helper detaches a monitor that clones the container into
 * its namespaces and cgroup and records its pids itself (started.json) before it reports `started`, so
 * nothing is lost when the caller dies. In the foreground the call returns, with the container's status,
 * when it has exited.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { BerthError } from '../../errors/index.js';
import { runHelper, type HelperResult } from '../../sys/helper-client.js';
import { readJson, writeJsonAtomic } from '../state/atomic-file.js';
import { withDirLock } from '../state/dir-lock.js';
import { withStarted, type ContainerRecord, type StartedRecord } from '../state/container-record.js';
import { observeContainer, type ObservedContainer } from '../state/observe.js';
import { containerPaths, type ContainerPaths } from './container-paths.js';
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

function startable(ctx: RuntimeContext, id: string): ObservedContainer {
  const observed = observeContainer(ctx.roots, id);
  if (observed === undefined) throw new BerthError('not-found', 'container.not-found', `container ${id} not found`, { hint: 'list containers with `berth runtime ps`' });
  if (observed.status === 'running') {
    throw new BerthError('conflict', 'container.already-running', `container ${id} is already running`, { hint: `stop it first (berth runtime kill ${id}) or leave it running` });
  }
  return observed;
}

/**
 * A stopped container starts again as it was created, keeping its upper dir (files written stay), cgroup
 * and log: the monitor's started record goes before its exit record (so readers see `created`, never a
 * started container without an exit that is not running: `dead`), and overlayfs gets an empty work dir,
 * which it requires (a `volatile` mount leaves a marker there that refuses the next mount).
 */
function prepareRestart(paths: ContainerPaths, record: ContainerRecord): ContainerRecord {
  const { pid: _pid, pidStart: _ps, monitorPid: _mp, monitorStart: _ms, startedAt: _sa, ...rest } = record;
  const again: ContainerRecord = { ...rest, status: 'created', restartCount: (record.restartCount ?? 0) + 1 };
  writeJsonAtomic(paths.record, again, { durable: false });
  rmSync(paths.startedRecord, { force: true });
  rmSync(paths.exitRecord, { force: true });
  rmSync(paths.work, { recursive: true, force: true });
  mkdirSync(paths.work);
  return again;
}

/**
 * Starts container `id`: a created one, or a stopped one again (see prepareRestart). The container's lock
 * is held until the helper reported `started` (or failed), not while a foreground container runs.
 */
export async function startContainer(ctx: RuntimeContext, id: string, options: StartOptions): Promise<StartResult> {
  const paths = containerPaths(ctx.roots, id);
  let finished: Promise<HelperResult> | undefined;
  const record = await withDirLock(paths.stateDir, () => {
    const observed = startable(ctx, id);
    const cgroup = ctx.cgroups.open(observed.record.cgroupName);
    if (cgroup === undefined) throw new BerthError('precondition', 'container.cgroup-missing', `the cgroup of container ${id} is gone`, { hint: `remove the container (berth runtime rm ${id}) and create it again` });
    const base = observed.status === 'created' ? observed.record : prepareRestart(paths, observed.record);
    const records = runRecords(base.config, paths, cgroup, ctx.cgroups.mode, {
      attach: options.stdio === 'inherit' && options.foreground,
      syncKeep: options.foreground,
    });
    return new Promise<ContainerRecord>((resolve, reject) => {
      finished = runHelper({
        id, mode: 'run', records, stdio: options.stdio, env: ctx.helperEnv,
        onStarted: () => resolve(withStarted(base, readJson<StartedRecord>(paths.startedRecord))),
      });
      finished.catch(reject);
    });
  });
  const exited = (await finished!).exited;
  const exit = exited === undefined ? undefined : { code: exited.code ?? 0, signal: exited.signal ?? 0, oomKilled: exited.oomKilled ?? false };
  return { record, exit };
}
