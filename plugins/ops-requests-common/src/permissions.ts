import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Resource type of self-service change requests (approvals).
 *
 * @public
 */
export const OPS_REQUEST_RESOURCE_TYPE = 'ops-request';

/**
 * Preview and file a change request (network access, security controls).
 *
 * @public
 */
export const opsRequestCreatePermission = createPermission({
  name: 'ops-requests.request.create',
  attributes: { action: 'create' },
});

/**
 * Read change requests: their intent, change, policy results and audit trail.
 *
 * @public
 */
export const opsRequestReadPermission = createPermission({
  name: 'ops-requests.request.read',
  attributes: { action: 'read' },
});

/**
 * Approve or reject a change request; conditional on the request.
 *
 * @public
 */
export const opsRequestDecidePermission = createPermission({
  name: 'ops-requests.request.decide',
  attributes: { action: 'update' },
  resourceType: OPS_REQUEST_RESOURCE_TYPE,
});

/**
 * Every permission of the ops-requests plugin, for the permission backend to
 * list.
 *
 * @public
 */
export const opsRequestsPermissions = [
  opsRequestCreatePermission,
  opsRequestReadPermission,
  opsRequestDecidePermission,
];
