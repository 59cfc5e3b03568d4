/**
 * The plan layer (pure): the config hash, a service turned into a runtime ContainerConfig, reconcile()
 * and planDown() from a Project and an ObservedState to a Plan, and the plan rendered as text.
 */
export { canonicalJson, serviceConfigHash } from './config-hash.js';
export { containerId, containerName, containerResource, oneOffName, serviceImage } from './naming.js';
export type { ObservedContainer, ObservedResource, ObservedState, ObservedStatus } from './observed-state.js';
export { undoOf, type Op, type OpKind, type Plan, type WaitCondition } from './plan-types.js';
export { reconcile } from './reconcile.js';
export type { ReconcileOptions } from './reconcile-options.js';
export { planDown, type DownOptions } from './plan-down.js';
export { objectOf, planLevels, renderPlan } from './render.js';
export { serviceToContainer, type ServiceContainer } from './service-container.js';
export { volumeDirKey } from './container-mounts.js';
export type { ContainerFacts, ImageFacts } from './container-facts.js';
export { LABELS, containerLabels } from './container-labels.js';
