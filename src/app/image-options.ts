/**
 * What the image use cases read from the environment, in one place: the state roots and the registries
 * that may be spoken to over plain HTTP (BERTH_INSECURE_REGISTRIES, comma-separated, plus any given).
 */
import { stateRoots, type StateRoots } from '../runtime/state-roots.js';

/** The state roots of this process. */
export function imageRoots(env: NodeJS.ProcessEnv = process.env): StateRoots {
  return stateRoots(env);
}

/** Insecure registries from BERTH_INSECURE_REGISTRIES plus `extra`. */
export function insecureRegistries(extra: string[] = [], env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = (env['BERTH_INSECURE_REGISTRIES'] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  return [...new Set([...fromEnv, ...extra])];
}
