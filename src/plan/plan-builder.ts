/**
 * Accumulates a plan's ops while the reconciler decides them: ids are `<kind>:<resource>` unless given,
 * the undo comes from the kind, and dependencies may be added after an op was made (start edges are
 * known only once every service has been decided). Adding an id twice is a bug and throws.
 */
import { BerthError } from '../errors/index.js';
import { undoOf, type Op } from './plan-types.js';

/** An op before it is added: everything but the derived fields. */
export type OpDraft = Omit<Op, 'id' | 'undo' | 'dependsOn'> & { id?: string; dependsOn?: readonly string[] };

/** A growing list of ops. */
export class PlanBuilder {
  private readonly list: (Op & { dependsOn: string[] })[] = [];
  private readonly byId = new Map<string, Op & { dependsOn: string[] }>();

  /** Adds an op and returns its id. */
  add(draft: OpDraft): string {
    const { id: given, dependsOn, ...rest } = draft;
    const id = given ?? `${draft.kind}:${draft.resource}`;
    if (this.byId.has(id)) throw new BerthError('internal', 'plan.duplicate-op', `the plan has the op ${id} twice`, { hint: 'this is a bug in berth: report it with the compose file' });
    const op = { ...rest, id, undo: undoOf(draft.kind), dependsOn: [...new Set(dependsOn ?? [])] };
    this.list.push(op);
    this.byId.set(id, op);
    return id;
  }

  /** Makes `id` wait for `others` too. */
  depend(id: string, others: readonly string[]): void {
    const op = this.byId.get(id);
    if (op === undefined) return;
    for (const other of others) if (other !== id && !op.dependsOn.includes(other)) op.dependsOn.push(other);
  }

  /** Whether an op with this id exists. */
  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The ops added so far, in order. */
  ops(): Op[] {
    return this.list.map((op) => ({ ...op, dependsOn: [...op.dependsOn] }));
  }
}
