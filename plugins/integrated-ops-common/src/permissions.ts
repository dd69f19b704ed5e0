import { createPermission } from '@backstage/plugin-permission-common';

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

export const integratedOpsPermissions = [
  opsLookupReadPermission,
  opsCoverageReadPermission,
];
