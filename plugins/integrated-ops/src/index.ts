/**
 * Integrated Ops portal pages for Backstage's new frontend system: the
 * ops-owners card, the incident lookup page, the coverage dashboard, the team
 * ownership card, the new-service owners picker, a home page card and, for
 * the app's search modal, a way from the search term to the lookup.
 *
 * @packageDocumentation
 */
export { integratedOpsPlugin as default } from './plugin';
export { LookupSearchSuggestion } from './components/LookupEntry';
export { OwnershipSearchResult } from './components/LookupEntry/OwnershipSearchResult';
