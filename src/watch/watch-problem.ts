/**
 * A problem with one watch rule or service, returned as data so one bad rule never stops the others.
 * `error` means the rule (or the service's part of a batch) is skipped; `warning` means it ran with a caveat.
 */
import type { BerthWarning } from '../errors/index.js';

/** A rule or service problem, naming the service and (when it is about a rule) the rule's index. */
export interface WatchProblem extends BerthWarning {
  severity: 'error' | 'warning';
  service: string;
  ruleIndex?: number | undefined;
  hint?: string | undefined;
}

/** The dotted name of a rule, as the user wrote it: `services.web.develop.watch[1]`. */
export function ruleName(service: string, index: number): string {
  return `services.${service}.develop.watch[${index}]`;
}
