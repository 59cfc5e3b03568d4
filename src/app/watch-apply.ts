/**
 * Applies one service's part of a watch batch, in Compose's order: rebuild (build the image, then recreate
 * the service as `up --build --force-recreate --no-deps svc` would), or sync into the root of every running
 * replica (seen from the host through /proc/<pid>/root, so the writes land in the live overlay), restart of
 * the service's containers (network, address and volumes stay) followed by its dependents with
 * depends_on.restart, and each sync+exec command once in every replica. Returns a report; never prints.
 */
import { performance } from 'node:perf_hooks';
import { serviceImage } from '../plan/index.js';
import { execCaptured, observeContainer } from '../runtime/container/index.js';
import { listReferences } from '../runtime/image/index.js';
import { applySync, type SyncReport } from '../runtime/rootfs/sync-writer.js';
import type { Project } from '../spec/model.js';
import type { ServiceBatch } from '../watch/index.js';
import type { ComposeContext } from './compose/compose-context.js';
import { opsScope, startOne, stopOne } from './compose/container-ops.js';
import { imageIds, projectContainers, type ProjectContainer } from './compose/project-containers.js';
import type { ProjectOptions } from './project-loader.js';
import { bindTargets } from './watch-services.js';

/** Where a watch applies its batches. */
export interface WatchTarget {
  cc: ComposeContext;
  projectOptions: ProjectOptions;
  project: Project;
  /** `--prune`: remove the image a rebuild replaced once nothing tags or uses it. */
  prune: boolean;
}

/** The output of one sync+exec command in one container. */
export interface ExecReport {
  container: string;
  command: string[];
  code: number;
  output: string;
}

/** What one service's part of a batch did, for the one-line report. */
export interface BatchReport {
  service: string;
  files: number;
  /** `synced + restarted`, `rebuilt`, … */
  action: string;
  ms: number;
  /** Sync targets skipped or failed, and restarted dependents, one sentence each. */
  notes: string[];
  execs: ExecReport[];
}

/** Applies `batch` to the service's running replicas (or rebuilds it). */
export async function applyServiceBatch(target: WatchTarget, batch: ServiceBatch): Promise<BatchReport> {
  const began = performance.now();
  const report: BatchReport = { service: batch.service, files: batch.files.length, action: actionWords(batch), ms: 0, notes: [], execs: [] };
  if (batch.rebuild) {
    await rebuild(target, batch.service, report);
  } else {
    const replicas = runningReplicas(target, batch.service);
    if (batch.sync.length > 0) await syncReplicas(target, batch, replicas, report);
    if (batch.restart) await restartService(target, batch.service, replicas, report);
    for (const step of batch.execs) {
      const latest = batch.restart ? runningReplicas(target, batch.service) : replicas;
      for (const c of latest) report.execs.push(await runExec(target, c, step.exec));
    }
  }
  report.ms = Math.round(performance.now() - began);
  return report;
}

function actionWords(batch: ServiceBatch): string {
  if (batch.rebuild) return 'rebuilt';
  const words: string[] = [];
  if (batch.sync.length > 0) words.push('synced');
  if (batch.restart) words.push('restarted');
  if (batch.execs.length > 0) words.push('exec\'d');
  return words.join(' + ');
}

function runningReplicas(target: WatchTarget, service: string): ProjectContainer[] {
  return projectContainers(target.cc.roots, target.project.name).filter((c) => c.service === service && !c.oneoff && c.status === 'running');
}

async function rebuild(target: WatchTarget, service: string, report: BatchReport): Promise<void> {
  const { up } = await import('./up.js');
  const image = serviceImage(target.project, target.project.services[service]!);
  const before = (await imageIds(target.cc.roots, target.project))[image];
  // Detached supervision: an `up --watch` session's own hosted supervisor answers and is kept.
  await up(target.projectOptions, { services: [service], build: true, forceRecreate: true, noDeps: true, detach: true });
  if (!target.prune || before === undefined) return;
  const tagged = new Set(Object.values(await listReferences(target.cc.roots)));
  if (tagged.has(before)) return;
  const { removeImages } = await import('./image-remove.js');
  const removed = await removeImages([before]).then((r) => r.flatMap((x) => x.deletedImages), () => []);
  if (removed.length > 0) report.notes.push(`pruned the replaced image ${before.replace(/^sha256:/, '').slice(0, 12)}`);
}

async function syncReplicas(target: WatchTarget, batch: ServiceBatch, replicas: readonly ProjectContainer[], report: BatchReport): Promise<void> {
  const binds = bindTargets(target.project.services[batch.service]);
  const results = await Promise.all(replicas.map(async (c) => ({ c, sync: await syncOne(target, c, batch, binds) })));
  const skipped = new Set<string>();
  for (const { c, sync } of results) {
    for (const s of sync.skipped) skipped.add(`${s.target} skipped: ${s.reason}`);
    for (const f of sync.failed) report.notes.push(`${c.name}: ${f.target} not synced: ${f.error.message}`);
  }
  report.notes.push(...skipped);
}

async function syncOne(target: WatchTarget, c: ProjectContainer, batch: ServiceBatch, binds: readonly string[]): Promise<SyncReport> {
  const pid = observeContainer(target.cc.roots, c.id)?.record.pid;
  if (pid === undefined) return { written: [], removed: [], skipped: [], failed: [] };
  return applySync(batch.sync, { root: `/proc/${pid}/root`, bindTargets: binds });
}

/** Restarts `replicas`, then the containers of services that depend on `service` with `restart: true`. */
async function restartService(target: WatchTarget, service: string, replicas: readonly ProjectContainer[], report: BatchReport): Promise<void> {
  const scope = await opsScope(target.cc, target.project.name, target.project);
  await Promise.all(replicas.map(async (c) => {
    await stopOne(scope, c, undefined);
    await startOne(scope, c);
  }));
  const dependents = Object.values(target.project.services).filter((s) => s.depends_on?.[service]?.restart === true).map((s) => s.name);
  if (dependents.length === 0) return;
  const containers = dependents.flatMap((d) => runningReplicas(target, d));
  await Promise.all(containers.map((c) => stopOne(scope, c, undefined)));
  await Promise.all(containers.map((c) => startOne(scope, c)));
  if (containers.length > 0) report.notes.push(`restarted dependents: ${containers.map((c) => c.name).join(', ')}`);
}

async function runExec(target: WatchTarget, c: ProjectContainer, exec: ServiceBatch['execs'][number]['exec']): Promise<ExecReport> {
  const env = Object.entries(exec.environment ?? {}).map(([k, v]) => `${k}=${v}`);
  const result = await execCaptured(target.cc.runtime, c.id, { args: exec.command, user: exec.user, cwd: exec.workingDir, env, privileged: exec.privileged });
  return { container: c.name, command: exec.command, code: result.code, output: result.output };
}
