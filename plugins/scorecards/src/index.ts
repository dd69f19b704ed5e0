/**
 * Scorecards of the Integrated Ops Portal, for Backstage's new frontend
 * system: readiness per discipline on entity pages.
 *
 * @packageDocumentation
 */
export { scorecardsPlugin as default } from './plugin';
