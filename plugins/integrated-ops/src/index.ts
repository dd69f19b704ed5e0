/**
 * Integrated Ops portal pages for Backstage's new frontend system: the
 * ops-owners card, the incident lookup page, the coverage dashboard, the team
 * ownership card and the new-service owners picker.
 *
 * @packageDocumentation
 */
export { integratedOpsPlugin as default } from './plugin';
