/**
 * Stopping one container run as Compose does: its stop signal, then SIGKILL once the grace period is
 * over; resolves when the container is no longer running. A container that is not running is left alone.
 */
import { killContainer, waitContainer, type RuntimeContext } from '../runtime/container/index.js';

/** Stops container `id` with `signal`, killing it after `graceMs`; returns whether it had to be killed. */
export async function stopGracefully(ctx: RuntimeContext, id: string, signal: string, graceMs: number): Promise<boolean> {
  if (!killContainer(ctx, id, signal)) return false;
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'grace-over'>((resolve) => { timer = setTimeout(() => resolve('grace-over'), graceMs); });
  const ended = await Promise.race([waitContainer(ctx, id), graceOver]);
  clearTimeout(timer);
  if (ended !== 'grace-over') return false;
  killContainer(ctx, id, 'SIGKILL');
  await waitContainer(ctx, id);
  return true;
}
