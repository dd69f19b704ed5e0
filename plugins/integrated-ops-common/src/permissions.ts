import { createPermission } from '@backstage/plugin-permission-common';

/** Resource type of self-service change requests (approvals). */
export const OPS_REQUEST_RESOURCE_TYPE = 'integrated-ops-request';

/** Look up owners, on-call and blast radius. */
export const opsLookupReadPermission = createPermission({
  name: 'integrated-ops.lookup.read',
  attributes: { action: 'read' },
});

/** Read the ownership coverage report. */
export const opsCoverageReadPermission = createPermission({
  name: 'integrated-ops.coverage.read',
  attributes: { action: 'read' },
});

/** Read change requests: their intent, change, policy results and audit trail. */
export const opsRequestReadPermission = createPermission({
  name: 'integrated-ops.request.read',
  attributes: { action: 'read' },
});

/** Create a self-service change request (network access, security controls). */
export const opsRequestCreatePermission = createPermission({
  name: 'integrated-ops.request.create',
  attributes: { action: 'create' },
});

/** Approve or reject a change request; conditional on the request. */
export const opsRequestDecidePermission = createPermission({
  name: 'integrated-ops.request.decide',
  attributes: { action: 'update' },
  resourceType: OPS_REQUEST_RESOURCE_TYPE,
});

export const integratedOpsPermissions = [
  opsLookupReadPermission,
  opsCoverageReadPermission,
  opsRequestReadPermission,
  opsRequestCreatePermission,
  opsRequestDecidePermission,
];
