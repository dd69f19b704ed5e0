/**
 * Integrated Ops backend: incident lookup, blast radius and coverage.
 *
 * @packageDocumentation
 */
export { integratedOpsPlugin as default } from './plugin';
export { OwnershipIndex } from './index/OwnershipIndex';
export { OwnershipIndexService } from './service/OwnershipIndexService';
