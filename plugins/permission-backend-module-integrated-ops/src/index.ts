/**
 * The Integrated Ops Portal's permission policy.
 *
 * @packageDocumentation
 */
export { permissionModuleIntegratedOpsPolicy as default } from './module';
export { IntegratedOpsPermissionPolicy } from './IntegratedOpsPermissionPolicy';
