/**
 * The public surface of runtime/container: one container's lifecycle (create, start, run, kill, wait,
 * exec, stats, delete) over the native helper, its config type, and observe() over all of them.
 */
export type { ContainerConfig, MountSpec, NetworkSpec, ProcessSpec, RlimitSpec, RootfsSpec, TmpfsMountSpec } from './container-config.js';
export type { RuntimeContext } from './runtime-context.js';
export { containerPaths, type ContainerPaths } from './container-paths.js';
export { createContainer } from './create.js';
export { startContainer, type ExitStatus, type StartOptions, type StartResult } from './start.js';
export { runContainer, type RunOptions } from './run.js';
export { killContainer, waitContainer, requireContainer, signalNumber, type WaitResult } from './stop.js';
export { deleteContainer, sweepDeletedContainers } from './delete.js';
export { settleDiscards } from '../state/discard.js';
export { execInContainer, type ExecOptions } from './exec.js';
export { execCaptured, DEFAULT_MAX_OUTPUT_BYTES, type CapturedExec, type CapturedExecOptions } from './exec-capture.js';
export { containerStats } from './stats.js';
export { DEFAULT_CAPABILITIES, capabilitySet } from './capabilities.js';
export { observe, observeContainer, type ContainerStatus, type ObservedContainer } from '../state/observe.js';
export type { ContainerRecord, ExitRecord } from '../state/container-record.js';
