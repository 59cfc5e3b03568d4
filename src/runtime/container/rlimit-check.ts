/**
 * Refuses ulimits the kernel would refuse: a soft limit above its hard limit, or a hard limit above the
 * caller's own, the machine's ceiling (raising it needs CAP_SYS_RESOURCE, which berth may not have). The
 * policy is refuse, not clamp: a clear error up front, naming the limit, the value and the ceiling,
 * instead of a failed setrlimit inside the container or a silently lower limit.
 */
import { BerthError } from '../../errors/index.js';
import { getrlimit, RLIMIT_RESOURCES } from '../../sys/rlimit.js';
import type { RlimitSpec } from './container-config.js';

const above = (a: number, b: number): boolean => b !== -1 && (a === -1 || a > b);
const limitText = (n: number): string => (n === -1 ? 'unlimited' : String(n));

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
    const ceiling = getrlimit(resource).hard;
    if (above(r.hard, ceiling)) {
      throw new BerthError('invalid', 'container.rlimit-refused', `container ${id}: ulimit ${r.name} hard limit ${limitText(r.hard)} is above this machine's ceiling of ${ceiling} (the hard limit berth runs with)`, {
        hint: `lower ${r.name} to at most ${ceiling}, or raise the hard limit of whatever runs berth (that needs CAP_SYS_RESOURCE)`,
        details: [`ulimit: ${r.name}`, `asked: ${limitText(r.soft)}:${limitText(r.hard)}`, `ceiling: ${ceiling}`],
      });
    }
  }
}
