/**
 * Node-side extension points of the integrated-ops lookup: on-call providers.
 *
 * @packageDocumentation
 */
export type * from './providers/OnCallProvider';
export { pageVendorKey } from './providers/OnCallProvider';
export * from './providers/extensionPoint';
export { vendorJson, VendorRequestError } from './providers/vendorRequest';
export { readVendorConfig } from './providers/vendorConfig';
export type { VendorConfig } from './providers/vendorConfig';
export { databaseUnreachableCause } from './database/databaseUnreachable';
export { DatabaseWatch } from './database/DatabaseWatch';
export { isUniqueViolation } from './database/uniqueViolation';
export { isDeadlock } from './database/deadlock';
export { lookupClientAsPlugin } from './lookup/lookupClientAsPlugin';
export type { DatabaseOutage } from './database/DatabaseWatch';
export { databaseOutageErrors } from './database/databaseOutageErrors';
export {
  specInputErrors,
  SPEC_VALIDATOR_OPTIONS,
} from './openapi/specInputErrors';
export {
  afterSpecValidation,
  specRouterOptions,
} from './openapi/specRouterOptions';
export { servedRoutes, specRoutes } from './openapi/contractRoutes';
export { LastKnownUserInfoService } from './userInfo/LastKnownUserInfoService';
export type { LastKnownUserInfoOptions } from './userInfo/LastKnownUserInfoService';
export { lastKnownUserInfoServiceFactory } from './userInfo/lastKnownUserInfoServiceFactory';
export {
  catalogOwnershipClaimsServiceRef,
  defaultOwnershipEntityRefs,
} from './userInfo/catalogOwnershipClaims';
export type {
  CatalogOwnership,
  CatalogOwnershipClaimsService,
} from './userInfo/catalogOwnershipClaims';
export { readableRefs } from './catalog/readableRefs';
export type { EntitiesByRefsReader } from './catalog/readableRefs';
export { assertFactReader } from './auth/factReader';
export { triggerTaskOnEvents } from './events/triggerTaskOnEvents';
export type { TriggerTaskOnEventsOptions } from './events/triggerTaskOnEvents';
export { ownServiceFetchApi } from './auth/ownServiceFetchApi';
