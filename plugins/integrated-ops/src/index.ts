/**
 * Integrated Ops portal pages: the ops-owners card, the incident lookup page,
 * the coverage dashboard and the team ownership view.
 *
 * This entry point is for apps on the legacy frontend system; the new
 * frontend system's plugin is the default export of `./alpha`.
 *
 * @packageDocumentation
 */
export {
  integratedOpsPlugin,
  OpsLookupPage,
  OpsCoveragePage,
  OpsRequestsPage,
  EntityOpsOwnersCard,
  EntityTeamOpsOwnershipCard,
  OpsOwnersPickerFieldExtension,
} from './plugin';
export { integratedOpsApiRef, IntegratedOpsClient } from './api';
export type { IntegratedOpsApi } from './api';
export { lookupRouteRef, coverageRouteRef, requestsRouteRef } from './routes';
