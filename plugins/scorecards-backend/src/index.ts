/**
 * Scorecards of the Integrated Ops Portal: readiness per discipline from
 * the Tech Insights checks.
 *
 * @packageDocumentation
 */
export { scorecardsPlugin as default } from './plugin';
