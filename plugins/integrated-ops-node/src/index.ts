/**
 * Node-side building blocks shared by the Integrated Ops backend plugin and
 * its modules: change planning, change delivery to git, and the
 * change-request permission rules.
 *
 * @packageDocumentation
 */
export * from './permissions/requestResource';
export * from './permissions/requestRules';
export * from './permissions/conditions';
export * from './git/LocalGitRepositories';
export type * from './git/ChangePublisher';
export { createChangePublisher } from './git/createChangePublisher';
export { LocalChangePublisher } from './git/LocalChangePublisher';
export { GithubChangePublisher } from './git/GithubChangePublisher';
export type { PullRequestClient } from './git/GithubChangePublisher';
export { GitlabChangePublisher } from './git/GitlabChangePublisher';
export { ChangePlanner } from './changes/ChangePlanner';
export { TargetResolver } from './changes/TargetResolver';
export type { ResolvedTarget } from './changes/TargetResolver';
export { loadChangePolicy } from './changes/loadChangePolicy';
export * from './render/networkPolicies';
export * from './render/firewallRule';
export * from './render/ciControls';
export { validateManifests } from './render/validateManifests';
