/**
 * Catalog module: typed NetOps / DevOps / SecOps ownership relations.
 *
 * @packageDocumentation
 */
export { catalogModuleIntegratedOps as default } from './module';
export { OpsOwnershipProcessor } from './processor/OpsOwnershipProcessor';
export { CachedEntityLookup } from './processor/CachedEntityLookup';
export type { EntityLookup } from './processor/CachedEntityLookup';
