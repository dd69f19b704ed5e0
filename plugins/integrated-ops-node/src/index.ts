/**
 * Node-side building blocks shared by the Integrated Ops backend plugin and
 * its modules.
 *
 * @packageDocumentation
 */
export * from './permissions/requestResource';
export * from './permissions/requestRules';
export * from './permissions/conditions';
export * from './git/LocalGitRepositories';
