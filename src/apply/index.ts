/** The apply layer: the plan executor, its handler contract and progress events, and fault injection for tests. */
export type { ApplyEvent, ApplyEventType, FinishedStep } from './apply-events.js';
export { executePlan, type ExecuteOptions } from './execute-plan.js';
export { failingAt } from './fault-injection.js';
export type { OpContext, OpHandler, OpHandlers } from './op-handlers.js';
export { containerHandlers, type ContainerHandlerDeps } from './container-handlers.js';
export { observedContainers } from './observed-containers.js';
