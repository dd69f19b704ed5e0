/**
 * Node-side building blocks of change requests, shared by the ops-requests
 * backend and the scaffolder and permission modules: change planning, change
 * delivery to git (a service), and the permission rules on claims.
 *
 * @packageDocumentation
 */
export * from './permissions/requestResource';
export * from './permissions/requestRules';
export * from './permissions/conditions';
export { changeDeliveryServiceRef } from './delivery/changeDeliveryServiceRef';
export type { ChangeDelivery } from './delivery/changeDeliveryServiceRef';
export * from './git/LocalGitRepositories';
export type * from './git/ChangePublisher';
export { createChangePublisher } from './git/createChangePublisher';
export { LocalChangePublisher } from './git/LocalChangePublisher';
export { GithubChangePublisher } from './git/GithubChangePublisher';
export type { PullRequestClient } from './git/GithubChangePublisher';
export { GitlabChangePublisher } from './git/GitlabChangePublisher';
export { RemoteChangePublisher } from './git/RemoteChangePublisher';
export { ChangePlanner } from './changes/ChangePlanner';
export type {
  FindingDirectory,
  OnCallDirectory,
  PlanContext,
} from './changes/ChangePlanner';
export { MainConnectivity } from './changes/MainConnectivity';
export type { MainNetwork } from './changes/MainConnectivity';
export { invariantEndpoints, invariantFlows } from './changes/invariantFlows';
export { TargetResolver } from './changes/TargetResolver';
export type { ResolvedTarget } from './changes/TargetResolver';
export { loadChangePolicy } from './changes/loadChangePolicy';
export * from './render/networkPolicies';
export * from './render/firewallRule';
export * from './render/ciControls';
export { validateManifests } from './render/validateManifests';
export {
  changePolicyFile,
  invariantsOnMain,
  MAX_CHECKED_DESTINATIONS,
} from './changes/invariantsOnMain';
export type {
  InvariantsOnMain,
  InvariantViolation,
} from './changes/invariantsOnMain';
