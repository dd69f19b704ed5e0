/**
 * Node-side extension points of the integrated-ops lookup: on-call providers.
 *
 * @packageDocumentation
 */
export type * from './providers/OnCallProvider';
export * from './providers/extensionPoint';
export { vendorJson, VendorRequestError } from './providers/vendorRequest';
export { readVendorConfig } from './providers/vendorConfig';
export type { VendorConfig } from './providers/vendorConfig';
