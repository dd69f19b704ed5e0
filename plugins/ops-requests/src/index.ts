/**
 * Change requests of the Integrated Ops Portal, for Backstage's new frontend
 * system: the Change requests page (awaiting my approval / mine / all, one
 * request with the diff read from git, the backend's policy results, the
 * approving teams and the audit trail).
 *
 * @packageDocumentation
 */
export { opsRequestsPlugin as default } from './plugin';
