import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Look up owners, on-call and blast radius.
 *
 * @public
 */
export const opsLookupReadPermission = createPermission({
  name: 'integrated-ops.lookup.read',
  attributes: { action: 'read' },
});

/**
 * Read the ownership coverage report.
 *
 * @public
 */
export const opsCoverageReadPermission = createPermission({
  name: 'integrated-ops.coverage.read',
  attributes: { action: 'read' },
});

/**
 * Read the change requests and re-certifications the ops-requests plugin
 * reported to the lookup: the history's changes on record and the coverage
 * report's re-certification drift. The lookup answers them from its own
 * records, so this stands in for ops-requests' own read permission: a
 * policy grants both to the same readers.
 *
 * @public
 */
export const opsChangesOnRecordReadPermission = createPermission({
  name: 'integrated-ops.changes-on-record.read',
  attributes: { action: 'read' },
});

/**
 * Page an entity's owning team from a lookup answer (`POST /pages`). The
 * portal's policy grants it to members of the organisation's teams
 * (`integratedOps.permissions.pagers`), not to guests.
 *
 * @public
 */
export const opsPageCreatePermission = createPermission({
  name: 'integrated-ops.page.create',
  attributes: { action: 'create' },
});

/**
 * Every permission of the integrated-ops plugin, for the permission backend
 * to list.
 *
 * @public
 */
export const integratedOpsPermissions = [
  opsLookupReadPermission,
  opsCoverageReadPermission,
  opsChangesOnRecordReadPermission,
  opsPageCreatePermission,
];
