/**
 * `berth watch` after `up`: checks the selected services' develop.watch rules (bad rules are reported and
 * left out, the others run), watches their paths with the x-berth debounce, applies the initial sync, then
 * each batch per service (watch-apply.ts), one batch at a time. Reports go to the caller's callbacks; a
 * failing service never stops the others nor the loop. The caller ends it with close().
 */
import { existsSync } from 'node:fs';
import { asBerthError, BerthError } from '../errors/index.js';
import { planBatch, planInitialSync, prepareWatch, watchBatches, watchSettings, type BatchPlan, type WatchProblem } from '../watch/index.js';
import { composeContext } from './compose/compose-context.js';
import { projectContainers } from './compose/project-containers.js';
import { loadProjectFromOptions, type ProjectOptions } from './project-loader.js';
import { applyServiceBatch, type BatchReport, type WatchTarget } from './watch-apply.js';
import { serviceWatches } from './watch-services.js';

export type { BatchReport, ExecReport } from './watch-apply.js';
export type { WatchProblem } from '../watch/index.js';

/** What the watch reports while it runs. */
export interface WatchListener {
  batch(report: BatchReport, initial: boolean): void;
  problem(problem: WatchProblem): void;
  error(error: BerthError): void;
}

/** A running watch. */
export interface WatchSession {
  /** The services being watched. */
  services: string[];
  /** Stops watching (once, however often it is called); a batch being applied finishes first. */
  close(): Promise<void>;
}

/** Starts watching the selected services (all when `services` is empty) of the project; `prune` as `--prune`. */
export async function startWatch(projectOptions: ProjectOptions, services: readonly string[], listener: WatchListener, prune = false): Promise<WatchSession> {
  const loaded = loadProjectFromOptions(projectOptions, { services: [...services] });
  const project = loaded.project;
  if (project === undefined) throw new BerthError('internal', 'watch.no-project', 'the project could not be loaded', { hint: 'run `berth config` to see why' });
  const target: WatchTarget = { cc: composeContext(), projectOptions, project, prune };
  const running = (): Set<string> => new Set(projectContainers(target.cc.roots, project.name).filter((c) => c.status === 'running' && !c.oneoff).map((c) => c.service));
  const setup = prepareWatch(serviceWatches(project, services, running()), existsSync);
  for (const p of setup.problems) listener.problem(p);
  const debounce = watchSettings(project.extensions['x-berth']);
  const isRunning = (service: string): boolean => running().has(service);
  let ready: Promise<void> = Promise.resolve();
  const loop = await watchBatches(setup, {
    debounce,
    onBatch: async (events) => {
      await ready;
      await applyPlan(target, planBatch(setup, events, isRunning), listener, false);
    },
    onError: (error) => listener.error(error),
  });
  ready = applyPlan(target, planInitialSync(setup, loop.existing, isRunning), listener, true).catch((e: unknown) => listener.error(asBerthError(e)));
  await ready;
  let closing: Promise<void> | undefined;
  return { services: [...setup.services.keys()], close: () => (closing ??= loop.close()) };
}

/** Applies each service's part of `plan` concurrently; a service that fails is reported, the others go on. */
async function applyPlan(target: WatchTarget, plan: BatchPlan, listener: WatchListener, initial: boolean): Promise<void> {
  for (const p of plan.problems) listener.problem(p);
  await Promise.all(plan.services.map(async (batch) => {
    try {
      listener.batch(await applyServiceBatch(target, batch), initial);
    } catch (error) {
      const cause = asBerthError(error);
      listener.error(new BerthError(cause.errorClass, cause.code, `service ${batch.service}: ${cause.message}`, { hint: cause.hint, cause: error }));
    }
  }));
}
