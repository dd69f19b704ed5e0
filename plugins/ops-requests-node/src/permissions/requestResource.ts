import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import { OPS_REQUEST_RESOURCE_TYPE } from '@integrated-ops/plugin-ops-requests-common';

/**
 * A change request as the permission rules see it: who asked, and which
 * teams' approval it still waits for (group refs, lower case).
 *
 * @public
 */
export interface OpsRequestResource {
  /** The request's id. */
  id: string;
  /** Its state (pending, approved, applied and so on). */
  state: string;
  /** Who filed it (user ref). */
  requestedBy: string;
  /** The teams whose approval it still waits for; empty once none is pending. */
  pendingApproverTeams: string[];
}

/**
 * Query form of the rules, for listing the requests a user may act on: a
 * store turns these leaves (under allOf / anyOf / not) into its own query.
 *
 * @public
 */
export type OpsRequestQuery =
  | { requestedByAnyOf: string[] }
  | { pendingOnAnyOf: string[] };

/**
 * The change request as a permission resource, for conditional decisions on
 * requests.
 *
 * @public
 */
export const opsRequestResourceRef = createPermissionResourceRef<
  OpsRequestResource,
  OpsRequestQuery
>().with({
  pluginId: 'ops-requests',
  resourceType: OPS_REQUEST_RESOURCE_TYPE,
});
