import { createPermission } from '@backstage/plugin-permission-common';

/** Resource type of self-service change requests (approvals). */
export const OPS_REQUEST_RESOURCE_TYPE = 'ops-request';

/** Preview and file a change request (network access, security controls). */
export const opsRequestCreatePermission = createPermission({
  name: 'ops-requests.request.create',
  attributes: { action: 'create' },
});

/** Read change requests: their intent, change, policy results and audit trail. */
export const opsRequestReadPermission = createPermission({
  name: 'ops-requests.request.read',
  attributes: { action: 'read' },
});

/** Approve or reject a change request; conditional on the request. */
export const opsRequestDecidePermission = createPermission({
  name: 'ops-requests.request.decide',
  attributes: { action: 'update' },
  resourceType: OPS_REQUEST_RESOURCE_TYPE,
});

export const opsRequestsPermissions = [
  opsRequestCreatePermission,
  opsRequestReadPermission,
  opsRequestDecidePermission,
];
