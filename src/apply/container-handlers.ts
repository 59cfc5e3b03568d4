/**
 * Real handlers for the container ops, over runtime/container: create (with the config the caller builds
 * for the op, see plan's serviceToContainer), start detached, stop (the op's signal, SIGKILL after its
 * timeout), remove. Stop and remove are idempotent, so undos meeting half-made state succeed.
 */
import { BerthError } from '../errors/index.js';
import type { Op } from '../plan/index.js';
import {
  createContainer, deleteContainer, killContainer, observeContainer, startContainer, waitContainer,
  type ContainerConfig, type RuntimeContext,
} from '../runtime/container/index.js';
import type { OpContext, OpHandler } from './op-handlers.js';

/** What the container handlers need: the runtime and the config of each create-container op. */
export interface ContainerHandlerDeps {
  ctx: RuntimeContext;
  configFor: (op: Op) => ContainerConfig | Promise<ContainerConfig>;
}

/** The handlers of create-, start-, stop- and remove-container. */
export function containerHandlers(deps: ContainerHandlerDeps): Record<'create-container' | 'start-container' | 'stop-container' | 'remove-container', OpHandler> {
  const { ctx } = deps;
  return {
    'create-container': async (op) => {
      const config = await deps.configFor(op);
      if (config.id !== idOf(op)) throw new BerthError('internal', 'apply.config-mismatch', `the config of ${op.containerName ?? op.resource} has id ${config.id}, not the planned ${idOf(op)}`, { hint: 'this is a bug in berth: report it' });
      createContainer(ctx, config);
    },
    'start-container': async (op) => {
      if (observeContainer(ctx.roots, idOf(op))?.status === 'running') return;
      await startContainer(ctx, idOf(op), { stdio: 'ignore', foreground: false });
    },
    'stop-container': (op, context) => stopContainer(ctx, op, context),
    'remove-container': async (op) => {
      await deleteContainer(ctx, idOf(op), { force: true });
    },
  };
}

/** Sends the stop signal, waits up to the op's timeout, then SIGKILL; nothing to do when not running. */
async function stopContainer(ctx: RuntimeContext, op: Op, context: OpContext): Promise<void> {
  const id = idOf(op);
  if (observeContainer(ctx.roots, id) === undefined) return;
  if (!killContainer(ctx, id, op.stopSignal ?? 'SIGTERM')) return;
  const exited = waitContainer(ctx, id).then(() => true);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), (op.timeout ?? 10) * 1000);
    context.signal.addEventListener('abort', () => resolve(false), { once: true });
  });
  const stopped = await Promise.race([exited, expired]);
  clearTimeout(timer);
  if (stopped) return;
  killContainer(ctx, id, 'SIGKILL');
  await exited;
}

function idOf(op: Op): string {
  if (op.containerId === undefined) throw new BerthError('internal', 'apply.no-container-id', `the op ${op.id} names no container`, { hint: 'this is a bug in berth: report it' });
  return op.containerId;
}
