/**
 * Connectivity for the Integrated Ops Portal: an exact, pure and synchronous
 * analyzer of Kubernetes NetworkPolicy semantics (networking.k8s.io/v1), the
 * reader of a folder's manifests, and the formats of its command line.
 *
 * @packageDocumentation
 */
export * from './connections';
export { formatIpRange, parseCidr, parseIpAddress } from './ip';
export type { IpRange } from './ip';
export * from './selectors';
export * from './policy';
export * from './workloads';
export {
  analyzeConnectivity,
  compareConnections,
  ConnectivityModel,
} from './analyzer';
export type {
  Connection,
  PolicyProblem,
  PolicySource,
  SideVerdict,
  Verdict,
} from './analyzer';
export * from './diff';
export * from './manifests';
export * from './format';
export type { components } from './schema/openapi/generated/types';
export { ConnectivityApiClient } from './client/ConnectivityApiClient';
export type {
  ConnectionsAnswer,
  ReachAnswer,
} from './client/ConnectivityApiClient';
export { parseReachQuery } from './reachQuery';
export type { ReachQuery } from './reachQuery';
export { accessEndsAt } from './accessEnd';
