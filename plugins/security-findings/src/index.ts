/**
 * Security findings of the Integrated Ops Portal, for Backstage's new
 * frontend system: a card on component pages with the open findings the
 * scanners reported, by severity, SLA state, owning discipline and team.
 *
 * @packageDocumentation
 */
export { securityFindingsPlugin as default } from './plugin';
