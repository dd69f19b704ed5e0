/**
 * Search documents of the Integrated Ops Portal: entities with their
 * hostnames, addresses and three typed owners.
 *
 * @packageDocumentation
 */
export { searchModuleIntegratedOps as default } from './module';
export {
  OpsOwnershipCollatorFactory,
  OPS_OWNERSHIP_TYPE,
  ownershipDocument,
} from './OpsOwnershipCollatorFactory';
export type { OpsOwnershipDocument } from './OpsOwnershipCollatorFactory';
export { searchModuleIntegratedOpsEngine } from './engineModule';
export {
  OpsLunrSearchEngine,
  OPS_LOOKUP_TYPE,
} from './engine/OpsLunrSearchEngine';
