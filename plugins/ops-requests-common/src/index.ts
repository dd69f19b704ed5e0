/**
 * Change requests for the Integrated Ops Portal: what a request carries (its
 * intent), the versioned change policy and its evaluator, the wire types of
 * the ops-requests backend, and its permissions.
 *
 * @packageDocumentation
 */
export * from './enums';
export type * from './kpiTypes';
export * from './approvingRoles';
export * from './permissions';
export * from './policy';
export type * from './requestTypes';
export type { components } from './schema/openapi/generated/types';
export * from './requests/changeIntent';
export { parseAddressRange } from './requests/addressRange';
export { parseStrictDate } from './requests/strictDate';
export * from './client/OpsRequestsApiClient';
