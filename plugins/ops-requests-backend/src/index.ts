/**
 * The ops-requests backend plugin: change requests from intent to applied,
 * expired, revoked and re-certified.
 *
 * @packageDocumentation
 */
export { opsRequestsPlugin as default } from './plugin';
