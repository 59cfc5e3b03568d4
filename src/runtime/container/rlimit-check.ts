/**
 * Refuses ulimits the kernel would refuse: a soft limit above its hard limit, or a hard limit above the
 * caller's own (raising it needs CAP_SYS_RESOURCE, which berth may not have). Clear errors up front
 * instead of a failed setrlimit inside the container.
 */
import { BerthError } from '../../errors/index.js';
import { getrlimit, RLIMIT_RESOURCES } from '../../sys/rlimit.js';
import type { RlimitSpec } from './container-config.js';

const above = (a: number, b: number): boolean => b !== -1 && (a === -1 || a > b);

/** Throws an `invalid` BerthError for the first ulimit of container `id` the kernel would refuse. */
export function checkRlimits(id: string, rlimits: readonly RlimitSpec[]): void {
  for (const r of rlimits) {
    const resource = RLIMIT_RESOURCES[r.name];
    if (resource === undefined) {
      throw new BerthError('invalid', 'container.unknown-ulimit', `container ${id}: unknown ulimit ${r.name}`, {
        hint: `use one of ${Object.keys(RLIMIT_RESOURCES).join(', ')}`,
      });
    }
    if (above(r.soft, r.hard)) {
      throw new BerthError('invalid', 'container.ulimit-soft-above-hard', `container ${id}: ulimit ${r.name} soft limit ${r.soft} is above its hard limit ${r.hard}`, {
        hint: 'make the soft limit at most the hard limit',
      });
    }
    const own = getrlimit(resource);
    if (above(r.hard, own.hard)) {
      throw new BerthError('invalid', 'container.rlimit-refused', `container ${id}: ulimit ${r.name} hard limit ${r.hard} is above the caller's hard limit ${own.hard}`, {
        hint: `lower it to at most ${own.hard}: raising a hard limit needs CAP_SYS_RESOURCE`,
      });
    }
  }
}
