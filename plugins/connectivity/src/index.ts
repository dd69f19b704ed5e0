/**
 * Connectivity of the Integrated Ops Portal, for Backstage's new frontend
 * system: a "Who can reach this" card on component and resource pages.
 *
 * @packageDocumentation
 */
export { connectivityPlugin as default } from './plugin';
