/** `berth runtime kill`: a signal to a container's PID 1. */
import { killContainer } from '../runtime/container/index.js';
import { runtimeContext } from './runtime-context.js';

/** Sends a signal; returns whether the container was running. */
export function runtimeKill(id: string, signal: string): boolean {
  return killContainer(runtimeContext(), id, signal);
}
