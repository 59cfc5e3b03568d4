/**
 * develop.watch: pure rules (prepareWatch, planBatch, planInitialSync), the debounce on an injected clock,
 * the x-berth settings, and the chokidar loop (watchBatches). The app layer maps the Compose model onto
 * ServiceWatch, applies each ServiceBatch (rebuild, sync via runtime/rootfs/sync-writer, restart, execs)
 * and prints the problems.
 */
export type { ExecStep, BatchPlan, ServiceBatch } from './batch-plan.js';
export { LARGE_BATCH_FILES, planBatch, planInitialSync } from './batch-plan.js';
export { BURST_MAX_WAIT_MS, BURST_PATHS, BURST_QUIET_MS, DEFAULT_DEBOUNCE_MS, DEFAULT_MAX_WAIT_MS, Debouncer } from './debounce.js';
export type { DebounceOptions } from './debounce.js';
export { collapseEvents, EventBatch } from './event-batch.js';
export type { FileEvent, FileEventKind } from './file-event.js';
export { watchFiles } from './file-events.js';
export type { FileWatch, FileWatchOptions } from './file-events.js';
export { fromMatcher, rulePatterns } from './rule-patterns.js';
export type { PathMatcher, RulePatterns } from './rule-patterns.js';
export { isBuiltinIgnored } from './ignore-set.js';
export { watcherError } from './inotify-limit-error.js';
export { realScheduler } from './real-scheduler.js';
export type { Scheduler, TimerHandle } from './scheduler.js';
export { watchBatches } from './watch-batches.js';
export type { WatchBatchOptions, WatchLoop } from './watch-batches.js';
export type { WatchProblem } from './watch-problem.js';
export { ruleName } from './watch-problem.js';
export type { ServiceWatch, WatchAction, WatchExec, WatchRule } from './watch-rule.js';
export { isSyncAction } from './watch-rule.js';
export { watchSettings } from './watch-settings.js';
export { prepareWatch } from './watch-setup.js';
export type { CompiledRule, WatchSetup } from './watch-setup.js';
