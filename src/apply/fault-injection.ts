/**
 * Fault injection for rollback tests (style rule 8): a handler table that behaves like the given one but
 * fails at a named op id, before doing anything, with a BerthError of code `apply.injected-fault`.
 */
import { BerthError } from '../errors/index.js';
import type { OpHandlers } from './op-handlers.js';

/** `handlers`, except that the op `opId` throws instead of running. */
export function failingAt(handlers: OpHandlers, opId: string, message = `injected fault at ${opId}`): OpHandlers {
  const wrapped = Object.entries(handlers).map(([kind, handler]) => [
    kind,
    async (...args: Parameters<typeof handler>) => {
      if (args[0].id === opId) throw new BerthError('system', 'apply.injected-fault', message, { hint: 'this failure was injected by a test' });
      return handler(...args);
    },
  ]);
  return Object.fromEntries(wrapped) as OpHandlers;
}
