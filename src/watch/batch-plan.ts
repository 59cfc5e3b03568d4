/**
 * Decides what one batch of file events does to each service, in Compose's order: rebuild, then sync, then
 * restart, then exec. A rebuild supersedes the service's sync, restart and exec (the new container gets the
 * files from the new image); each `sync+exec` rule runs once per batch however many files it saw. A
 * service with no running container gets a warning instead of sync/restart/exec. Pure.
 */
import { posix } from 'node:path';
import type { SyncEntry } from '../runtime/rootfs/sync-entry.js';
import { isDirectoryEvent, type FileEvent } from './file-event.js';
import { relativeTo } from './ignore-set.js';
import type { WatchProblem } from './watch-problem.js';
import { isSyncAction, type WatchAction, type WatchExec } from './watch-rule.js';
import type { CompiledRule, WatchSetup } from './watch-setup.js';

/** A `sync+exec` command to run in every replica after the sync. */
export interface ExecStep {
  ruleIndex: number;
  exec: WatchExec;
}

/** What a batch does to one service; apply in field order: rebuild, sync, restart, execs. */
export interface ServiceBatch {
  service: string;
  /** Host paths of the batch that triggered a rule of this service. */
  files: string[];
  /** The actions of the rules that fired, for the one-line report. */
  actions: WatchAction[];
  rebuild: boolean;
  /** Entries for the sync writer, parents before children. */
  sync: SyncEntry[];
  restart: boolean;
  execs: ExecStep[];
}

/** The per-service work of a batch and the problems met while deciding it. */
export interface BatchPlan {
  services: ServiceBatch[];
  problems: WatchProblem[];
}

/** Batches larger than this get a note (a branch switch, most likely). */
export const LARGE_BATCH_FILES = 1000;

interface Pending {
  files: Set<string>;
  actions: Set<WatchAction>;
  rebuild: boolean;
  sync: Map<string, SyncEntry>;
  restart: boolean;
  execs: Map<number, ExecStep>;
}

/** Plans `events` (a collapsed batch) against the valid rules of `setup`. */
export function planBatch(setup: WatchSetup, events: readonly FileEvent[], isRunning = defaultRunning(setup)): BatchPlan {
  return finish(collect(setup.rules, events), isRunning, events.length);
}

/**
 * Plans the initial sync: `existing` lists the files found under the rule paths at start (as `add`
 * events); only sync rules with `initialSync` take part, and nothing restarts or runs.
 */
export function planInitialSync(setup: WatchSetup, existing: readonly FileEvent[], isRunning = defaultRunning(setup)): BatchPlan {
  const rules = setup.rules.filter((r) => r.rule.initialSync && isSyncAction(r.rule.action));
  const pending = collect(rules, existing);
  for (const p of pending.values()) {
    p.restart = false;
    p.execs.clear();
  }
  return finish(pending, isRunning, existing.length);
}

function defaultRunning(setup: WatchSetup): (service: string) => boolean {
  return (service) => setup.services.get(service)?.running ?? false;
}

function collect(rules: readonly CompiledRule[], events: readonly FileEvent[]): Map<string, Pending> {
  const byService = new Map<string, Pending>();
  for (const event of events) {
    const isDir = isDirectoryEvent(event.kind);
    for (const compiled of rules) {
      if (!compiled.filter.accepts(event.path, isDir)) continue;
      let pending = byService.get(compiled.service);
      if (pending === undefined) byService.set(compiled.service, (pending = emptyPending()));
      apply(pending, compiled, event.path);
    }
  }
  return byService;
}

function emptyPending(): Pending {
  return { files: new Set(), actions: new Set(), rebuild: false, sync: new Map(), restart: false, execs: new Map() };
}

function apply(pending: Pending, { rule, index }: CompiledRule, path: string): void {
  pending.files.add(path);
  pending.actions.add(rule.action);
  if (rule.action === 'rebuild') pending.rebuild = true;
  if (rule.action === 'restart' || rule.action === 'sync+restart') pending.restart = true;
  if (isSyncAction(rule.action) && rule.target !== undefined) {
    const target = posix.join(rule.target, relativeTo(rule.path, path));
    pending.sync.set(target, { source: path, target });
  }
  if (rule.action === 'sync+exec' && rule.exec !== undefined) pending.execs.set(index, { ruleIndex: index, exec: rule.exec });
}

function finish(byService: Map<string, Pending>, isRunning: (service: string) => boolean, eventCount: number): BatchPlan {
  const services: ServiceBatch[] = [];
  const problems: WatchProblem[] = [];
  for (const [service, p] of byService) {
    const batch = toServiceBatch(service, p);
    if (!batch.rebuild && !isRunning(service)) {
      problems.push(notRunning(service, batch.files.length));
      continue;
    }
    services.push(batch);
    if (batch.files.length > LARGE_BATCH_FILES) problems.push(largeBatch(service, batch.files.length, eventCount));
  }
  return { services, problems };
}

function toServiceBatch(service: string, p: Pending): ServiceBatch {
  const files = [...p.files];
  const actions = [...p.actions];
  if (p.rebuild) return { service, files, actions, rebuild: true, sync: [], restart: false, execs: [] };
  const sync = [...p.sync.values()].sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
  const execs = [...p.execs.values()].sort((a, b) => a.ruleIndex - b.ruleIndex);
  return { service, files, actions, rebuild: false, sync, restart: p.restart, execs };
}

function notRunning(service: string, files: number): WatchProblem {
  return {
    severity: 'warning', service, code: 'watch.service-not-running',
    message: `service ${service} has no running container: ${files} changed file(s) not applied`,
    hint: `start it with \`berth up ${service}\`; the next change will sync`,
  };
}

function largeBatch(service: string, files: number, events: number): WatchProblem {
  return {
    severity: 'warning', service, code: 'watch.large-batch',
    message: `service ${service}: ${files} files changed at once (batch of ${events} events); if you just switched branches, this is expected`,
  };
}
