/**
 * Scaffolder actions for Integrated Ops self-service templates.
 *
 * @packageDocumentation
 */
export { scaffolderModuleIntegratedOps as default } from './module';
export { POLICY_CHECK_ACTION_ID } from './actions/policyCheck';
