/**
 * The Integrated Ops Portal's permission policy: least privilege, roles from
 * `integratedOps.permissions`.
 *
 * @packageDocumentation
 */
export { permissionModuleIntegratedOpsPolicy as default } from './module';
