/**
 * Node-side building blocks of connectivity: the estate's model in catalog
 * terms, the connectivity a change adds and removes against main, and the
 * rules that already allow a flow.
 *
 * @packageDocumentation
 */
export { Estate, entityPods, parseEqualitySelector } from './Estate';
export type { EstateMeta, EstateProblem, PolicyNotes } from './Estate';
export {
  connectivityEffect,
  EFFECT_LIMIT,
  KUBERNETES_FOLDER,
} from './changeEffect';
export type { ConnectivityEffect, EffectConnection } from './changeEffect';
export { egressIsolated, flowOnMain } from './flowOnMain';
export type {
  AllowingRule,
  FlowEnd,
  FlowPorts,
  FlowVerdict,
} from './flowOnMain';
