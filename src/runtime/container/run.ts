/**
 * run = create + start, with rollback: when the start fails (a helper error at any step) the container
 * is deleted again, so a failed run leaves no cgroup, dir, record or process behind. A foreground run
 * with `remove` deletes the container after it exits.
 */
import type { ContainerConfig } from './container-config.js';
import { createContainer } from './create.js';
import { deleteContainer } from './delete.js';
import type { RuntimeContext } from './runtime-context.js';
import { startContainer, type StartOptions, type StartResult } from './start.js';

export interface RunOptions extends StartOptions {
  /** Delete the container after it exits (foreground only). */
  remove: boolean;
}

/** Creates and starts a container; in the foreground, resolves when it has exited. */
export async function runContainer(ctx: RuntimeContext, config: ContainerConfig, options: RunOptions): Promise<StartResult> {
  createContainer(ctx, config);
  let result: StartResult;
  try {
    result = await startContainer(ctx, config.id, options);
  } catch (error) {
    await deleteContainer(ctx, config.id, { force: true });
    throw error;
  }
  if (options.foreground && options.remove) await deleteContainer(ctx, config.id, { force: true });
  return result;
}
