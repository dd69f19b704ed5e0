import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import { OPS_REQUEST_RESOURCE_TYPE } from '@internal/plugin-integrated-ops-common';

/**
 * A change request as the permission rules see it: who asked, and who may
 * decide it now (members of the teams whose approval is still missing).
 */
export interface OpsRequestResource {
  id: string;
  state: string;
  requestedBy: string;
  /** User refs (lower case) who are members of a team whose approval is pending. */
  pendingApproverMembers: string[];
}

/** Query form of the rules, for listing requests a user may act on. */
export type OpsRequestQuery =
  | { requestedBy: string }
  | { pendingApproverMember: string };

export const opsRequestResourceRef = createPermissionResourceRef<
  OpsRequestResource,
  OpsRequestQuery
>().with({
  pluginId: 'integrated-ops',
  resourceType: OPS_REQUEST_RESOURCE_TYPE,
});
