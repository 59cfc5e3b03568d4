/** `berth runtime start`: starts a created or stopped container again, detached. */
import { startContainer } from '../runtime/container/index.js';
import { runtimeContext } from './runtime-context.js';

/** Starts container `id` in the background; returns the pid of its PID 1. */
export async function runtimeStart(id: string): Promise<number | undefined> {
  const { record } = await startContainer(runtimeContext(), id, { stdio: 'ignore', foreground: false });
  return record.pid;
}
